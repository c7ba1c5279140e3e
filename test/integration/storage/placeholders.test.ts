import { toNumberedPlaceholders } from '../../../adapters/storage/placeholders';

describe('placeholders for PostgreSQL', () => {
  it('numbers each ? in order', () => {
    expect(toNumberedPlaceholders('UPDATE t SET a = ?, b = ? WHERE id = ?')).toBe('UPDATE t SET a = $1, b = $2 WHERE id = $3');
  });

  it("leaves ? inside literals, quoted names and comments alone", () => {
    expect(toNumberedPlaceholders(`SELECT '?', 'it''s ?', "col?" FROM t -- why?\nWHERE a = ?`)).toBe(
      `SELECT '?', 'it''s ?', "col?" FROM t -- why?\nWHERE a = $1`,
    );
  });
});
