/** Flags for headless runs as root on a machine without outside network access. */
export declare const chromiumArgs: string[];
/** The path of a Chromium executable, installing Debian's package as root when there is none. */
export declare function findChromium(options?: { install?: boolean }): string;
