/**
 * Which file in `knowledge/` holds which kind of entry, and in what shape. Keeping this as one
 * table means the loader, the counts and the admin editor agree on where things live.
 */
import type { z } from 'zod';
import type { EntryKind } from './knowledge-base.js';
import {
  factSchema,
  faqSchema,
  glossaryEntrySchema,
  kpiSchema,
  nationalProcedureSchema,
  planSchema,
  procedureSchema,
  sectionSchema,
  synonymGroupSchema,
  FAQ_COMMON,
  type Municipality,
} from './schema.js';

export interface FileRule {
  kind: EntryKind;
  /** `object`: the file is one entry; `list`: the file is a YAML sequence of entries. */
  shape: 'object' | 'list';
  schema: z.ZodType;
}

/** Municipality slugs used in file names, and the plan id each municipality's plan has. */
export const MUNICIPALITY_SLUGS: Record<string, Municipality> = {
  tarumizu: '垂水市',
  nishinoomote: '西之表市',
  kanoya: '鹿屋市',
  ureshino: '嬉野市',
  satsumasendai: '薩摩川内市',
};

/** The rule for a file path relative to the knowledge directory, or undefined if none applies. */
export function ruleFor(relativePath: string): FileRule | undefined {
  const [folder, name, ...rest] = relativePath.split('/');
  if (rest.length > 0) return undefined;
  if (name === undefined) {
    return folder === 'synonyms.yaml'
      ? { kind: 'synonyms', shape: 'list', schema: synonymGroupSchema }
      : undefined;
  }
  switch (folder) {
    case 'plans':
      return { kind: 'plans', shape: 'object', schema: planSchema };
    case 'glossary':
      return { kind: 'glossary', shape: 'object', schema: glossaryEntrySchema };
    case 'procedures':
      return name === 'national.yaml'
        ? { kind: 'nationalProcedures', shape: 'list', schema: nationalProcedureSchema }
        : { kind: 'procedures', shape: 'list', schema: procedureSchema };
    case 'sections':
      return { kind: 'sections', shape: 'list', schema: sectionSchema };
    case 'kpis':
      return { kind: 'kpis', shape: 'list', schema: kpiSchema };
    case 'facts':
      return { kind: 'facts', shape: 'list', schema: factSchema };
    case 'faq':
      return { kind: 'faq', shape: 'list', schema: faqSchema };
    default:
      return undefined;
  }
}

/** The file name (without .yaml) of the FAQs for every city. */
export const FAQ_COMMON_SLUG = 'common';

/** The FAQ file an FAQ of this municipality belongs in: `faq/kanoya.yaml`, `faq/common.yaml`. */
export function faqFileOf(municipality: Municipality | typeof FAQ_COMMON): string {
  if (municipality === FAQ_COMMON) return `faq/${FAQ_COMMON_SLUG}.yaml`;
  const slug = Object.entries(MUNICIPALITY_SLUGS).find(([, city]) => city === municipality)?.[0];
  return `faq/${slug ?? FAQ_COMMON_SLUG}.yaml`;
}

/** The municipality a per-municipality file belongs to (`kpis/kanoya.yaml` → 鹿屋市). */
export function municipalityOfFile(relativePath: string): Municipality | undefined {
  const base = relativePath.split('/').pop()?.replace(/\.ya?ml$/, '');
  return base === undefined ? undefined : MUNICIPALITY_SLUGS[base];
}
