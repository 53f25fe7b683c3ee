import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import { describePeriod, validOn } from './validity-period.js';
import type { RuleResult } from '../rules/rule-run.js';
import type { CompiledDiscount, CompiledOffering, CompiledTariffCatalog } from './compiled-tariff-catalog.js';
import { describeConditions } from './describe-conditions.js';
import { quoteLineFacts } from './quote-facts.js';
import { fenText } from './money-fen.js';
import { priceLine, type LineTrace, type PriceSource } from './price-line.js';
import { parseQuoteRequest, type QuoteRequest } from './quote-request.js';
import type { Quote, QuoteDiscount, QuoteExplanation, QuoteLine } from './quote-result.js';

/**
 * A quote that explains itself: every line's components (list price, the
 * price used and where it came from, discount, net), allowances and
 * expected overage, every discount applied, totals exact to the fen, and
 * for every discount that could apply to a line, why it did or did not
 * (its eligibility conditions with the values they saw). Returns problems
 * for unknown or expired offerings, and the rule's path when an
 * eligibility rule fails at run time; a malformed request (a quantity of
 * 0, a date that is not one) is refused first. Nothing is partly quoted.
 */
export function quote(catalog: CompiledTariffCatalog, input: QuoteRequest): Checked<Quote> {
  const parsed = parseQuoteRequest(input);
  if (!parsed.ok) return parsed;
  const request = parsed.value;
  const problems: Problem[] = [];
  const offerings = request.lines.map((line, index) => {
    const offering = catalog.offerings.get(line.offering);
    if (!offering) problems.push(problem('quote.unknown-offering', `lines[${index}].offering`, `no offering "${line.offering}"`));
    else if (!validOn(offering, request.date)) {
      problems.push(problem('quote.offering-not-valid', `lines[${index}].offering`, `${offering.key} is not offered on ${request.date} (${describePeriod(offering)})`));
    }
    return offering;
  });
  if (problems.length) return failed(problems);
  const customer = request.facts ? { ...request.customer, ...request.facts } : request.customer;
  const refused = refusedLines(catalog, request, offerings as CompiledOffering[], customer);
  if (refused.length) return failed(refused);

  const orgUnit = request.orgUnitPath.at(-1) ?? '';
  const lines: QuoteLine[] = [];
  const discounts: QuoteDiscount[] = [];
  const explanation: QuoteExplanation[] = [];
  const groupTariffs: Quote['groupTariffs'][number][] = [];
  const totals = { monthly: 0, oneTime: 0, usage: 0, discounts: 0, freeMonths: 0, term: 0 };
  for (const [index, line] of request.lines.entries()) {
    const offering = offerings[index] as CompiledOffering;
    const quantity = line.quantity ?? 1;
    const termMonths = termOf(request, offering);
    const run = catalog.eligibility.run(quoteLineFacts({ offering, quantity, orgUnitPath: request.orgUnitPath, termMonths, date: request.date, groupCustomer: request.groupCustomer }), { explain: true, base: customer });
    if (!run.ok) return failed([problem(run.error.code, run.error.path, `eligibility of ${run.error.rule} failed on line ${index}: ${run.error.message}`)]);
    const trace: LineTrace = { components: [], allowances: [], discounts: [], groupTariffs: [] };
    const price = priceLine(catalog, { offering, quantity, ...(line.usage ? { usage: line.usage } : {}), orgUnitPath: request.orgUnitPath, ...(request.groupCustomer === undefined ? {} : { groupCustomer: request.groupCustomer }), date: request.date, termMonths, fired: run.results.map((r) => r.fired) }, trace);
    lines.push(quoteLine(index, offering, quantity, termMonths, trace, price));
    for (const entry of trace.discounts) {
      const result = entry.discount.rule >= 0 ? run.results[entry.discount.rule] : undefined;
      const because = result ? describeConditions(result.conditions, result.fired) : [];
      const reason = reasonOf(entry, offering, request.date, because);
      const label = entry.discount.document.label === undefined ? {} : { label: entry.discount.document.label };
      explanation.push({ line: index, discount: entry.discount.key, ...label, status: entry.status, reason, because, ...conditionsOf(result) });
      if (entry.status === 'applied' || entry.status === 'capped') {
        discounts.push({ line: index, discount: entry.discount.key, ...label, type: entry.discount.type, target: targetName(entry.discount, offering), amount: fenText(entry.fen), capped: entry.status === 'capped', reason });
      }
    }
    for (const tariff of trace.groupTariffs) groupTariffs.push({ line: index, tariff: tariff.key, status: tariff.status, applied: tariff.applied });
    totals.monthly += price.monthlyFen;
    totals.oneTime += price.oneTimeFen;
    totals.usage += price.usageFen;
    totals.discounts += price.discountFen;
    totals.freeMonths += price.freeMonthsFen;
    totals.term += price.termFen;
  }
  return ok({
    catalog: catalog.hash,
    date: request.date,
    orgUnit,
    lines,
    discounts,
    totals: { monthly: fenText(totals.monthly), oneTime: fenText(totals.oneTime), usage: fenText(totals.usage), discounts: fenText(totals.discounts), freeMonths: fenText(totals.freeMonths), term: fenText(totals.term) },
    explanation,
    groupTariffs,
  });
}

/** Lines whose offering this customer may not order, with the conditions that said no. */
function refusedLines(catalog: CompiledTariffCatalog, request: QuoteRequest, offerings: readonly CompiledOffering[], customer: Readonly<Record<string, unknown>>): Problem[] {
  if (!offerings.some((offering) => offering.orderRule >= 0)) return [];
  const problems: Problem[] = [];
  offerings.forEach((offering, index) => {
    if (offering.orderRule < 0) return;
    const facts = quoteLineFacts({ offering, quantity: request.lines[index]?.quantity ?? 1, orgUnitPath: request.orgUnitPath, termMonths: termOf(request, offering), date: request.date, groupCustomer: request.groupCustomer });
    const run = catalog.orderable.run(facts, { explain: true, base: customer });
    if (!run.ok) {
      problems.push(problem(run.error.code, run.error.path, `who may order ${offering.key} could not be decided: ${run.error.message}`));
      return;
    }
    const result = run.results.find((candidate) => candidate.rule === offering.key);
    if (result && !result.fired) {
      problems.push(problem('quote.not-eligible', `lines[${index}].offering`, `this customer may not order ${offering.key}: ${describeConditions(result.conditions, false).join('; ')}`));
    }
  });
  return problems;
}

/** The months a line's term total covers: the request's, at least the offering's minimum term, at least one. */
function termOf(request: QuoteRequest, offering: CompiledOffering): number {
  return Math.max(request.termMonths ?? 0, offering.minimumTermMonths) || 1;
}

function quoteLine(line: number, offering: CompiledOffering, quantity: number, termMonths: number, trace: LineTrace, price: ReturnType<typeof priceLine>): QuoteLine {
  return {
    line,
    offering: offering.key,
    quantity,
    termMonths,
    components: trace.components.map((entry) => {
      const component = offering.components[entry.index] as CompiledOffering['components'][number];
      return { component: component.key, charge: component.charge, listPrice: fenText(entry.listFen), price: fenText(entry.priceFen), priceSource: sourceName(entry.source), discount: fenText(entry.offFen), net: fenText(entry.priceFen - entry.offFen) };
    }),
    allowances: trace.allowances.map((entry) => {
      const allowance = offering.allowances[entry.index] as CompiledOffering['allowances'][number];
      return { allowance: allowance.key, unit: allowance.unit, included: entry.included, free: entry.extra, expected: entry.used, overage: entry.overage, rate: fenText(entry.rateFen), amount: fenText(entry.fen) };
    }),
    monthly: fenText(price.monthlyFen),
    oneTime: fenText(price.oneTimeFen),
    usage: fenText(price.usageFen),
    term: fenText(price.termFen),
  };
}

function reasonOf(entry: LineTrace['discounts'][number], offering: CompiledOffering, date: string, because: readonly string[]): string {
  const { discount } = entry;
  const why = because.length ? `: ${because.join('; ')}` : '';
  switch (entry.status) {
    case 'not-valid':
      return `not valid on ${date} (${describePeriod(discount)})`;
    case 'not-eligible':
      return `not eligible${why}`;
    case 'excluded':
      return `left out: ${discount.exclusive ? `${discount.key} is exclusive and` : `${entry.excludedBy} is exclusive and`} ${entry.excludedBy} applies first on ${targetName(discount, offering)}`;
    default: {
      const what = discount.type === 'percent' ? `${discount.millionths / 10_000}% off` : discount.type === 'fixed' ? `${fenText(discount.fen)} off` : discount.type === 'priceOverride' ? `price set to ${fenText(discount.fen)}` : discount.type === 'freeMonths' ? `${discount.months} months free` : `${discount.quantity} more free`;
      const capped = entry.status === 'capped' ? `, capped to ${fenText(entry.fen)} by the total a cap allows` : '';
      return `${what} on ${targetName(discount, offering)}${capped}${discount.rule >= 0 ? why : ': no conditions'}`;
    }
  }
}

function targetName(discount: CompiledDiscount, offering: CompiledOffering): string {
  return discount.targetsAllowance ? (offering.allowances[discount.target]?.key ?? '') : (offering.components[discount.target]?.key ?? '');
}

function sourceName(source: PriceSource): string {
  return source.kind === 'list' ? 'list' : source.kind === 'branch' ? `branch ${source.orgUnit}` : `group ${source.tariff}`;
}

function conditionsOf(result: RuleResult | undefined): { conditions?: QuoteExplanation['conditions'] } {
  return result?.conditions ? { conditions: result.conditions } : {};
}
