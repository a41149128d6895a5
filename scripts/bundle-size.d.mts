export declare const gzipSize: (bytes: Uint8Array | string) => number;
/** What an application importing `source` loads at once, in gzip bytes (`typescript`: the source is TypeScript). */
export declare function initialLoadGzip(source: string, options?: { typescript?: boolean }): Promise<number>;
