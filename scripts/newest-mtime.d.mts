/** The newest modification time of any file under dir (0 when there is none). */
export declare function newestMtime(dir: string): number;
