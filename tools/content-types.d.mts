/** File extension (with its dot) → Content-Type. */
export declare const contentTypes: Readonly<Record<string, string>>;
/** The Content-Type for a file path or URL path, by its extension; `unknown` for one not in the table. */
export declare function contentTypeOf(path: string, unknown?: string): string;
