import type { CityPrompt } from './city-prompt.js';
import type { AnswerEngine } from '../engine/answer-engine.js';
import type { Municipality } from '../knowledge/schema.js';
import type { Logger } from '../logging/logger.js';
import type { SourceType, Store } from '../storage/store.js';
import type { LineGateway } from './line-gateway.js';

/** What every event handler may use. */
export interface BotDependencies {
  /** A getter, because staff can swap in a new knowledge index while the server runs. */
  engine: () => AnswerEngine;
  store: Store;
  line: LineGateway;
  logger: Logger;
  userHashSalt: string;
  defaultMunicipality: Municipality | null;
  /** Told when a log entry or feedback could not be stored and was dropped (the reply still goes out). */
  onRecordDropped?: (kind: 'logs' | 'feedback') => void;
  /** Who has been asked to choose a city (one record per app; a shared one by default). */
  cityPrompt?: CityPrompt;
  /** Marks log entries made through the local simulator. */
  sourceTypeOverride?: SourceType;
}
