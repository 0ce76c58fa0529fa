// Money in messages, in the unit of the field the person typed it in. The API takes every
// amount in 元 (CNY), but people type a financing need and a bank's offer in 万元 (the portal's
// forms, as the offices speak of them) and vouchers and orders in 元: a message about a 万元
// field says 万元, one about a 元 field says 元, both with thousands separators.

export interface ZhEn {
  zh: string;
  en: string;
}

const grouped = (n: number, maximumFractionDigits = 0): string =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits }).format(n);

/** 5,000,000 → "500"; 123,456 → "12.35" (万元, up to two decimals, separators). */
export const inWan = (cny: number): string => grouped(cny / 10_000, 2);

/** An amount for a 万元 field: "500 万元" / "5,000,000 CNY (500 × 10,000)". */
export const wan = (cny: number): ZhEn => ({
  zh: `${inWan(cny)} 万元`,
  en: `${inWan(cny)} ×10,000 CNY`,
});

/** A range for a 万元 field: "500–10,000 万元" / "500–10,000 ×10,000 CNY". */
export const wanRange = (lo: number, hi: number): ZhEn => ({
  zh: `${inWan(lo)}–${inWan(hi)} 万元`,
  en: `${inWan(lo)}–${inWan(hi)} ×10,000 CNY`,
});

/** An amount for a 元 field: "300,000 元" / "CNY 300,000". */
export const yuan = (cny: number): ZhEn => ({
  zh: `${grouped(cny, 2)} 元`,
  en: `CNY ${grouped(cny, 2)}`,
});
