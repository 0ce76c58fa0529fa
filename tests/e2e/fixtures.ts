import { creditCodeCheckChar, type ProfileInput } from '@parkmatch/contracts';

/** A valid credit code made from a 17-character body (digits and allowed letters). */
export function creditCode(body: string): string {
  const first17 = body.padEnd(17, '0').slice(0, 17);
  return first17 + creditCodeCheckChar(first17);
}

/** A clinical mass-spectrometry maker: Dadukou's kind of firm. */
export function massSpecProfile(seed = 'MA1PX88'): ProfileInput {
  return {
    firm: {
      name: `谱析质谱仪器有限公司-${seed}`,
      creditCode: creditCode(`91320500${seed}`),
      province: '江苏',
      city: '苏州',
      foundedYear: 2018,
      employees: 85,
      qualifications: ['high-tech'],
      registrationCertificates: 3,
    },
    project: {
      title: '临床质谱仪生产基地',
      type: 'production',
      description: '我们生产三重四极杆液质联用仪（LC-MS/MS）和配套的临床质谱检测试剂盒。',
      products: ['三重四极杆液质联用仪'],
      technologies: ['LC-MS/MS'],
      growthStage: 'growth',
      plannedInvestmentCny: 150_000_000,
      expectedAnnualOutputCny: 300_000_000,
      timelineMonths: 9,
      needs: ['registration', 'clinical-samples'],
    },
    contact: { name: '王经理', phone: '13800000000' },
    consent: { dataUse: true },
  };
}
