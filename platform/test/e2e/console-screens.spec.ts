import { describe, expect, it } from 'vitest';
import { dataOf } from '../support/test-platform.js';
import { exampleWithOrg, signedInAs } from '../support/example-org.js';

const OPTIONS = '{ serveAnywhereOptions(entity: "Customer") { identify minutes access } }';

describe('what the console asks the record API before it draws a screen', () => {
  const platform = exampleWithOrg();

  it('tells a counter operator the identifier combinations, minutes and access their own role serves a customer from elsewhere with', async () => {
    const counter = await signedInAs(platform(), 'wh.counter');
    expect(dataOf(await counter.records(OPTIONS)).serveAnywhereOptions).toEqual([{ identify: [['phone', 'idNumber'], ['customerCode', 'idNumber']], minutes: 30, access: 'update' }]);
  });

  it('tells a user whose roles have no serve-anywhere policy nothing, and an unknown entity is NOT_FOUND', async () => {
    const marketing = await signedInAs(platform(), 'sc.marketing');
    expect(dataOf(await marketing.records(OPTIONS)).serveAnywhereOptions).toEqual([]);
    const unknown = await marketing.records('{ serveAnywhereOptions(entity: "Nothing") { minutes } }');
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('gives the channel form conditions see the user\'s writes come through', async () => {
    const counter = await signedInAs(platform(), 'wh.counter');
    expect(dataOf(await counter.records('{ viewer { channel } }')).viewer.channel).toBe('api');
  });
});
