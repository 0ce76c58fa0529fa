import { PARKS } from '@parkmatch/contracts';
import { describe, expect, it } from 'vitest';
import { loadParkCatalogs, validateCatalog } from './catalog.ts';
import { loadTaxonomy, parseTaxonomy } from './taxonomy/taxonomy.ts';

const taxonomy = loadTaxonomy();

describe('park catalogs', () => {
  it('ships the six parks, each valid against the taxonomy', () => {
    const catalogs = loadParkCatalogs(taxonomy);
    expect(catalogs.map((c) => c.id)).toEqual([
      'dadukou-ivd',
      'bio-city',
      'liangjiang',
      'gaoxin',
      'changshou',
      'fuling',
    ]);
    // The system's list of parks (contracts) and the seed catalogs agree, names included.
    expect(catalogs.map((c) => ({ id: c.id, name: c.name }))).toEqual(PARKS);
  });

  it('gives Dadukou the directions of its 承接方向', () => {
    const dadukou = loadParkCatalogs(taxonomy).find((c) => c.id === 'dadukou-ivd');
    const codes = dadukou?.directions.map((d) => d.code) ?? [];
    expect(codes).toEqual(
      expect.arrayContaining([
        'ivd.immuno',
        'ivd.molecular',
        'ivd.poct',
        'ivd.hematology',
        'ivd.liquid-biopsy',
        'ivd.mass-spec',
        'ivd.upstream',
        'ivd.microbiology',
        'ext.vet-dx',
        'ext.rehab-aids',
        'ext.cell-therapy',
        'ext.medical-aesthetics',
        'ext.digital-devices',
        'platform.clinical-samples',
        'platform.mass-spec-research',
        'platform.device-rnd',
        'platform.ivd-core-tech',
        'platform.clinical-translation',
        'service.investment-fund',
        'service.device-cro-cdmo',
        'service.academic-forum',
        'service.bonded-logistics',
      ]),
    );
  });

  it('rejects a catalog that names a code the taxonomy lacks', () => {
    const [first] = loadParkCatalogs(taxonomy);
    const draft = {
      ...first,
      directions: [...(first?.directions ?? []), { code: 'ivd.unknown', kind: 'sub-sector', weight: 1 }],
    };
    const result = validateCatalog(draft, taxonomy);
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.issues).toContainEqual(
        expect.objectContaining({
          path: ['directions', first?.directions.length ?? 0, 'code'],
          message: '分类中没有代码「ivd.unknown」 / unknown taxonomy code "ivd.unknown"',
        }),
      );
  });

  it('rejects unknown fields, bad weights and unknown needs', () => {
    const [first] = loadParkCatalogs(taxonomy);
    expect(validateCatalog({ ...first, extra: 1 }, taxonomy).success).toBe(false);
    expect(
      validateCatalog(
        { ...first, directions: [{ code: 'ivd.poct', kind: 'sub-sector', weight: 2 }] },
        taxonomy,
      ).success,
    ).toBe(false);
    expect(
      validateCatalog(
        { ...first, assets: [{ code: 'x', label: { zh: '甲', en: 'a' }, meets: ['parking'] }] },
        taxonomy,
      ).success,
    ).toBe(false);
  });

  it('refuses a taxonomy whose parent is missing', () => {
    expect(() =>
      parseTaxonomy({
        version: 't',
        codes: [{ code: 'a.b', parent: 'a', label: { zh: '甲', en: 'a' }, chain: 'midstream' }],
      }),
    ).toThrow(/unknown parent/);
  });
});
