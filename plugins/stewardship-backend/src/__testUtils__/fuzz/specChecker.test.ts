import { spec } from '../../schema/openapi';
import { readOperations } from './operations';
import { createSpecChecker } from './specChecker';

// The fuzz step's judge must itself catch what it is there to catch.
describe('createSpecChecker', () => {
  const checker = createSpecChecker(spec);
  const operation = (id: string) =>
    readOperations(spec).find(o => o.operationId === id)!;
  const error = (status: number, name: string) =>
    JSON.stringify({
      error: { name, message: 'x' },
      request: { method: 'GET', url: '/' },
      response: { statusCode: status },
    });

  it('accepts a listed status with its content type and body shape', () => {
    expect(
      checker.responseProblems(operation('getSlo'), {
        status: 404,
        contentType: 'application/json; charset=utf-8',
        text: error(404, 'NotFoundError'),
      }),
    ).toEqual([]);
  });

  it('flags 5xx, unlisted statuses, wrong content types and error shapes', () => {
    const problems = (status: number, contentType: string, text: string) =>
      checker.responseProblems(operation('exportSloAsOpenSlo'), {
        status,
        contentType,
        text,
      });
    expect(problems(500, 'application/json', error(500, 'Error'))).toEqual([
      'server error 500',
      'status 500 is not in the spec',
    ]);
    expect(
      problems(409, 'application/json', error(409, 'ConflictError')),
    ).toEqual(['status 409 is not in the spec']);
    expect(
      problems(404, 'application/yaml', error(404, 'NotFoundError')),
    ).toEqual([
      'content type "application/yaml" is not in the spec for 404 (application/json)',
    ]);
    expect(problems(404, 'application/json', error(400, 'InputError'))).toEqual(
      [
        'error body says statusCode 400',
        'a 404 named InputError, not NotFoundError',
      ],
    );
    expect(problems(404, 'application/json', '{"message":"gone"}')[0]).toMatch(
      /^body does not match the spec/,
    );
  });

  it('flags YAML that other parsers reject', () => {
    const exported = (text: string) =>
      checker.responseProblems(operation('exportSloAsOpenSlo'), {
        status: 200,
        contentType: 'application/yaml',
        text,
      });
    expect(exported('apiVersion: openslo/v1\n')).toEqual([]);
    expect(exported('description: a\u0085b\n')).toEqual([]);
    expect(exported('description: a\u0086b\n')).toEqual([
      'YAML holds the unprintable U+0086 unescaped',
    ]);
    expect(exported('a: [1\n')[0]).toMatch(/^YAML does not parse/);
  });

  it('says which requests the spec rules out', () => {
    const listSlos = operation('listSlos');
    const problem = (query: Array<[string, string]>) =>
      checker.requestProblem(listSlos, { pathParams: {}, query });
    expect(problem([['limit', '5']])).toBeUndefined();
    expect(problem([['limit', '0']])).toMatch(/^query.limit:/);
    expect(problem([['offset', '99999999999999999999']])).toMatch(
      /^query.offset:/,
    );
    expect(problem([['color', 'red']])).toBe('query.color is not in the spec');
    expect(
      problem([
        ['limit', '1'],
        ['limit', '2'],
      ]),
    ).toBe('query.limit given twice');
    const getSlo = operation('getSlo');
    expect(
      checker.requestProblem(getSlo, { pathParams: { id: 'x' }, query: [] }),
    ).toMatch(/^path.id: .*uuid/);
    const createSlo = operation('createSlo');
    const body = (contentType: string, text: string) =>
      checker.requestProblem(createSlo, {
        pathParams: {},
        query: [],
        body: { contentType, text },
      });
    expect(body('application/json', '{"name": ')).toBe('body is not JSON');
    expect(body('text/plain', '{}')).toBe(
      'body content type text/plain is not in the spec',
    );
    expect(body('application/json', '{}')).toMatch(/required property/);
  });
});
