// The unified social credit code's check character (GB 32100-2015), for the browser: the
// same algorithm as packages/contracts/src/credit-code.ts (a portal test holds them equal).
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function isValidCreditCode(code) {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code.charAt(i)) * WEIGHTS[i];
  return ALPHABET.charAt((31 - (sum % 31)) % 31) === code.charAt(17);
}
