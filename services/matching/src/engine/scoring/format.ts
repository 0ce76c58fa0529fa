// Money as the reasons say it: 亿元 / 万元 in Chinese, million / billion in English.

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export function formatCnyZh(amount: number): string {
  if (amount >= 1e8) return `${round(amount / 1e8, 2)} 亿元`;
  if (amount >= 1e4) return `${round(amount / 1e4, 0)} 万元`;
  return `${round(amount, 0)} 元`;
}

export function formatCnyEn(amount: number): string {
  if (amount >= 1e9) return `CNY ${round(amount / 1e9, 2)} billion`;
  if (amount >= 1e6) return `CNY ${round(amount / 1e6, 1)} million`;
  return `CNY ${round(amount, 0)}`;
}
