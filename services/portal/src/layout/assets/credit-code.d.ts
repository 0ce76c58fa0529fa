/** The browser's copy of the contracts' isValidCreditCode (GB 32100-2015 check character). */
export declare function isValidCreditCode(code: string): boolean;
