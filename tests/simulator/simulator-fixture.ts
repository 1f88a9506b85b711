/**
 * Starts the real simulator for a test on a free port, sharing one engine per test file (the
 * dictionary and the index take a second or two to build) and silencing the JSON log.
 */
import type { AnswerEngine } from '../../src/engine/answer-engine.js';
import { createAnswerEngine } from '../../src/engine/create-engine.js';
import { memoryLogger } from '../../src/logging/logger.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/start-simulator.js';

let sharedEngine: Promise<AnswerEngine> | undefined;

/** The engine every simulator of this test file answers with. */
export function engineForTests(): Promise<AnswerEngine> {
  sharedEngine ??= createAnswerEngine();
  return sharedEngine;
}

/** A simulator on port 0 with the memory store unless told otherwise. */
export async function startTestSimulator(options: Partial<SimulatorOptions> = {}): Promise<RunningSimulator & { logger: ReturnType<typeof memoryLogger> }> {
  const logger = memoryLogger();
  const simulator = await startSimulator({ port: 0, memory: true, engine: await engineForTests(), logger, ...options });
  return { ...simulator, logger };
}

/** Parses the frames of a Server-Sent Events text into { event, data } pairs. */
export function sseFrames(text: string): Array<{ event: string; data: unknown }> {
  return text
    .split('\n\n')
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      return event && data ? { event, data: JSON.parse(data) as unknown } : null;
    })
    .filter((frame): frame is { event: string; data: unknown } => frame !== null);
}
