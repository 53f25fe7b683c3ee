import { AccessPartRegistry } from '../records/access-part.js';
import { AUDIT, auditVerbs } from '../audit/record-audit.js';
import { SHARING, sharingVerbs, type SharingSettings } from '../sharing/sharing-verbs.js';
import { QUOTES, quoteVerbs, type QuoteSettings } from '../tariffs/record-quote.js';
import { COMPILED_READS, compiledReadVerbs } from '../sql-reads/compiled-read-part.js';
import { SLA_FIGURES, slaFiguresVerbs } from '../sla/sla-figures.js';

/**
 * The feature modules' verbs on the access point, registered in one place:
 * the access point reaches shares, serve-anywhere, quotes, the audit log,
 * the compiled reads and the SLA figures only through these parts, never by importing them.
 */
export function accessModules(settings: SharingSettings & QuoteSettings): AccessPartRegistry {
  return AccessPartRegistry.empty().with(SHARING, sharingVerbs(settings)).with(QUOTES, quoteVerbs(settings)).with(AUDIT, auditVerbs).with(COMPILED_READS, compiledReadVerbs).with(SLA_FIGURES, slaFiguresVerbs);
}
