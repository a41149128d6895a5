import type { Config } from '../config.ts';
import { ClamdScanner } from './clamd-scanner.ts';
import { noScanner, type FileScanner } from './file.ts';

/** The virus scanner the configuration asks for: ClamAV's daemon (`SCANNER=clamd://host:port`), or none. */
export function createFileScanner(config: Pick<Config, 'scanner'>): FileScanner {
  return config.scanner.type === 'clamd' ? new ClamdScanner({ host: config.scanner.host, port: config.scanner.port }) : noScanner;
}
