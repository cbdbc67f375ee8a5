export declare const STRICT_CSP_DIRECTIVES: readonly string[];
export declare function strictCsp(nonce: string, options?: { trustedTypes?: string; reportUri?: string }): string;
