import type { Department, DepartmentId } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { PERSON_COLOURS, personColour } from './person-colour.ts';

const departments = ['sales', 'support', 'product'].map((id, i): Department => ({
  id: id as DepartmentId,
  name: id,
  order: String(i),
}));

describe('personColour', () => {
  it('is the department’s colour for everyone in it', () => {
    expect(personColour('a', 'support', departments)).toBe(PERSON_COLOURS[1]);
    expect(personColour('b', 'support', departments)).toBe(PERSON_COLOURS[1]);
    expect(personColour('a', 'sales', departments)).not.toBe(personColour('a', 'support', departments));
  });

  it('is picked from the id, the same each time, without a known department', () => {
    const colour = personColour('user-1', null, departments);
    expect(PERSON_COLOURS).toContain(colour);
    expect(personColour('user-1', 'gone', departments)).toBe(colour);
  });
});
