import { describe, expect, it } from 'vitest';
import { demoServices } from '../demo-data.ts';
import { type ServiceDoc, suggestServices } from './service.ts';

const services: ServiceDoc[] = demoServices().map(({ id, input }) => ({
  _id: id,
  ...input,
  updatedAt: '',
  updatedBy: 'admin',
}));

describe('suggestServices', () => {
  it('suggests first what answers more of the firm’s needs, then the quicker', () => {
    const ids = suggestServices(services, ['clinical-samples', 'registration']).map((s) => s.service._id);
    // The two 30-day services tie: by id.
    expect(ids).toEqual(['ivd-clinical-trial', 'clinical-sample-access', 'device-pretest']);
  });

  it('suggests nothing for needs no service answers, and never a withdrawn service', () => {
    expect(suggestServices(services, ['land', 'talent'])).toEqual([]);
    const withdrawn = services.map((s) => (s._id === 'mycoplasma-test' ? { ...s, active: false } : s));
    expect(suggestServices(withdrawn, ['gmp-facility']).map((s) => s.service._id)).toEqual([
      'gmp-pilot-batch',
    ]);
  });
});
