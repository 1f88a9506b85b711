import path from 'node:path';
import { projectRoot } from '../project-root.js';

/** The folder the simulator's lowdb file lives in: apart from the production data file. */
export function simulatorDataDir(dataDir: string = process.env.DATA_DIR?.trim() || path.join(projectRoot(), 'data')): string {
  return path.join(path.resolve(dataDir), 'simulator');
}
