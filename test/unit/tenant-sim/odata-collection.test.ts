import { ODataError } from '../../../sim/odata-filter';
import { queryCollection, type CollectionSpec } from '../../../sim/odata-collection';

const spec: CollectionSpec = { resource: 'signIn', filterable: ['id', 'createdDateTime', 'status'], defaultTop: 3, maxTop: 1000, newestFirstBy: 'createdDateTime' };
const at = (minute: number) => new Date(Date.UTC(2026, 0, 7, 14, minute)).toISOString();
const records = Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, createdDateTime: at(i), status: { errorCode: i % 2 === 0 ? 0 : 50126 }, extra: 'x' }));

describe('collections: order, $top, $select, paging', () => {
  it('returns newest first in pages of $top and follows the skiptoken to the end', () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = queryCollection(records, token ? { skiptoken: token } : { top: '4' }, spec);
      seen.push(...page.value.map((r) => String(r.id)));
      token = page.nextSkiptoken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(['s9', 's8', 's7', 's6', 's5', 's4', 's3', 's2', 's1', 's0']);
  });

  it('keeps paging stable when new records arrive between pages (keyset, not offsets)', () => {
    const live = [...records];
    const first = queryCollection(live, { top: '3' }, spec);
    live.push({ id: 'new', createdDateTime: at(30), status: { errorCode: 0 }, extra: 'x' });
    const second = queryCollection(live, { skiptoken: first.nextSkiptoken }, spec);
    expect(second.value.map((r) => r.id)).toEqual(['s6', 's5', 's4']);
  });

  it('carries the filter and $select in the skiptoken', () => {
    const first = queryCollection(records, { filter: 'status/errorCode eq 50126', select: 'id', top: '2' }, spec);
    expect(first.value).toEqual([{ id: 's9' }, { id: 's7' }]);
    const second = queryCollection(records, { skiptoken: first.nextSkiptoken }, spec);
    expect(second.value).toEqual([{ id: 's5' }, { id: 's3' }]);
  });

  it('refuses properties the resource cannot filter on, and page sizes out of range, as Graph does', () => {
    expect(() => queryCollection(records, { filter: "extra eq 'x'" }, spec)).toThrow("Unsupported or invalid query filter clause specified for property 'extra' of resource 'signIn'.");
    expect(() => queryCollection(records, { top: '1001' }, spec)).toThrow(ODataError);
    expect(() => queryCollection(records, { skiptoken: 'garbage' }, spec)).toThrow('The $skiptoken is invalid or has expired.');
  });
});
