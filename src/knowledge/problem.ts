/** One defect found in the knowledge base, located precisely enough for staff to fix it. */
export interface Problem {
  /** Path relative to the knowledge directory, e.g. `glossary/rpa.yaml`. */
  file: string;
  /** The entry's id when the defect belongs to one entry. */
  id?: string;
  /** Dotted field path inside the entry, e.g. `definitions.0.source.plan`. */
  field?: string;
  message: string;
}

/** Formats a problem as one line: `file › id › field: message`. */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.id, problem.field].filter(Boolean).join(' › ');
  return `${where}: ${problem.message}`;
}
