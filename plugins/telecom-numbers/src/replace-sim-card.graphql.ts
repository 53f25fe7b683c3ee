import type { PluginGraphql } from '@lattice/plugin-api';
import { readIccid } from './iccid.js';

/** The entity and field a line's SIM card number is kept in (the telecom example's subscriptions). */
export const LINE_ENTITY = 'Subscription';
export const LINE_ICCID_FIELD = 'iccid';

/**
 * `replaceSimCard`: a mobile line moves to a new SIM card (补卡, 换卡) — a
 * lost, damaged or upgraded card. The new number is read as the `iccid`
 * type reads it (spaces and full-width digits allowed, its Luhn check digit
 * checked) and refused at `iccid` before anything is written; the line is
 * then updated through the caller's access point, so their permissions,
 * the form and the rules decide, and the audit entry keeps the old number
 * in the caller's name.
 */
export const replaceSimCardGraphql: PluginGraphql = {
  typeDefs: `
    "A line moved to a new SIM card"
    type SimCardReplacement {
      "The line (its id)"
      line: ID!
      "The line's version after the change"
      version: Int!
      "The card the line had"
      previousIccid: String
      "The card it has now, digits only"
      iccid: String!
    }
    extend type Mutation {
      "Moves a mobile line to a new SIM card: version is the line's version you read"
      replaceSimCard(line: ID!, version: Int!, iccid: String!): SimCardReplacement!
    }`,
  resolvers: {
    Mutation: {
      replaceSimCard: async (_parent, args, { records, refuse }) => {
        const reading = readIccid(String(args['iccid']));
        if (!reading.ok) return refuse([{ code: 'iccid.invalid', path: 'iccid', message: reading.message, ...(reading.hint ? { hint: reading.hint } : {}) }]);
        const line = String(args['line']);
        const before = await records.get(LINE_ENTITY, line);
        const after = await records.update(LINE_ENTITY, line, Number(args['version']), { [LINE_ICCID_FIELD]: reading.iccid });
        return { line: after['id'], version: after['version'], previousIccid: before?.[LINE_ICCID_FIELD] ?? null, iccid: after[LINE_ICCID_FIELD] };
      },
    },
  },
};
