import fs from 'fs';
import path from 'path';
import { scorecardCsv, scorecardFreshnessHeaders } from './scorecardCsv';

describe('scorecardCsv', () => {
  it('writes one row per failing role, quoting what needs quoting', () => {
    const csv = scorecardCsv([
      {
        entityRef: 'component:default/cart',
        kind: 'Component',
        name: 'cart',
        title: 'Cart, "the" basket',
        owner: 'group:default/web',
        problems: [
          {
            role: 'business',
            required: true,
            status: 'missing',
            annotation: 'stewardship.io/business-owner',
            problem: 'No business owner.',
            fix: 'Add it',
          },
          {
            role: 'product',
            required: true,
            status: 'invalid',
            annotation: 'stewardship.io/product-owner',
            value: '=HYPERLINK("x")',
            problem: 'Bad\nref',
          },
        ],
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'entityRef,kind,title,owner,system,domain,role,status,value,problem,fix',
      'component:default/cart,Component,"Cart, ""the"" basket",group:default/web,,,business,missing,,No business owner.,Add it',
      `component:default/cart,Component,"Cart, ""the"" basket",group:default/web,,,product,invalid,"'=HYPERLINK(""x"")","Bad\nref",`,
      '',
    ]);
  });

  it('has just the header when nothing fails', () => {
    expect(scorecardCsv([])).toBe(
      'entityRef,kind,title,owner,system,domain,role,status,value,problem,fix\r\n',
    );
  });

  it('writes the columns the frontend README documents, in its order', () => {
    // The "Scorecard CSV columns" table of plugins/stewardship/README.md: scripts read the
    // columns by name or position, so a change here is a change there.
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../../../stewardship/README.md'),
      'utf8',
    );
    const section = readme.split('#### Scorecard CSV columns')[1];
    expect(section).toBeDefined();
    const table = section.slice(0, section.indexOf('\n#'));
    const documented = [...table.matchAll(/^\| `([^`]+)` +\|/gm)].map(
      m => m[1],
    );
    expect(documented).toEqual([
      'entityRef',
      'kind',
      'title',
      'owner',
      'system',
      'domain',
      'role',
      'status',
      'value',
      'problem',
      'fix',
    ]);
    expect(scorecardCsv([]).split('\r\n')[0]).toBe(documented.join(','));
  });

  it('dates the export in the headers', () => {
    expect(
      scorecardFreshnessHeaders(new Date('2026-11-22T10:00:01.950Z')),
    ).toEqual({
      'Last-Modified': 'Sun, 22 Nov 2026 10:00:01 GMT',
      'X-Stewardship-Evaluated-At': '2026-11-22T10:00:01.950Z',
    });
  });
});
