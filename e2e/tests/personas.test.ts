import { expect, type Locator, type Page, test } from '@playwright/test';
import { readBoard, structureDocName, addPersona } from '@journeyboard/board-model';
import { makePng, SESSION_COOKIE, SyncClient, waitForRefusal } from '@journeyboard/testing';
import { axeViolations, describeViolations } from './axe.ts';
import { BoardPage } from './board.ts';
import { type Account, createBoard, ServerProcess, signUp, signUpInvited } from './server.ts';

let server: ServerProcess;
let owner: Account;
let boardId: string;
test.beforeEach(async () => {
  server = await ServerProcess.start();
  owner = await signUp(server, 'Olivia');
  boardId = await createBoard(server, owner, 'Dental clinic visit');
});
test.afterEach(async () => {
  await server.dispose();
});

/** What a person does with the board's personas, in words a test can read. */
class Personas {
  readonly page: Page;
  constructor(board: BoardPage) {
    this.page = board.page;
  }

  strip(): Locator {
    return this.page.getByRole('region', { name: 'Personas' });
  }

  /** The chip that opens a persona (its name is the persona's name, then its role). */
  chip(name: string): Locator {
    return this.strip().getByRole('button', { name: new RegExp(`^${name}`) });
  }

  filterToggle(name: string): Locator {
    return this.strip().getByRole('button', { name: `Filter the board by ${name}` });
  }

  panel(name: string): Locator {
    return this.page.getByRole('complementary', { name: `Persona ${name}` });
  }

  /** Adds a persona and fills its fields, each saved as the person leaves it. */
  async add(fields: { name: string; role: string; goals: string; barriers: string; quote: string }) {
    await this.strip().getByRole('button', { name: 'Add persona' }).click();
    // The new persona's name has the focus, selected: typing replaces it; Enter saves it.
    await expect(this.page.getByRole('textbox', { name: 'Name' })).toBeFocused();
    await this.page.keyboard.type(fields.name);
    await this.page.keyboard.press('Enter');
    const panel = this.panel(fields.name);
    await expect(panel).toBeVisible();
    await panel.getByRole('textbox', { name: 'Role' }).fill(fields.role);
    await panel.getByRole('textbox', { name: 'Role' }).press('Enter');
    await panel.getByRole('textbox', { name: 'Goals' }).fill(fields.goals);
    await panel.getByRole('textbox', { name: 'Barriers' }).fill(fields.barriers);
    // Leaving a field saves it too.
    await panel.getByRole('textbox', { name: 'Quote' }).focus();
    await panel.getByRole('textbox', { name: 'Quote' }).fill(fields.quote);
    await panel.getByRole('textbox', { name: 'Quote' }).press('Enter');
    await expect(this.chip(fields.name)).toHaveAccessibleName(`${fields.name} ${fields.role}`);
    await panel.getByRole('button', { name: 'Close persona' }).click();
    await expect(this.chip(fields.name)).toBeFocused();
  }

  /** Ticks or unticks `persona` in a card's Personas list, by the keyboard from the card. */
  async tag(card: Locator, persona: string) {
    await card.focus();
    const button = card.getByRole('button', { name: 'Personas', exact: true });
    while (!(await button.evaluate((b) => b === document.activeElement)))
      await this.page.keyboard.press('Tab');
    await this.page.keyboard.press('Enter');
    const box = card.getByRole('checkbox', { name: persona });
    while (!(await box.evaluate((b) => b === document.activeElement))) await this.page.keyboard.press('Tab');
    await this.page.keyboard.press('Space');
    await this.page.keyboard.press('Escape');
    await expect(button).toBeFocused();
  }
}

const MAI = {
  name: 'Mai Nguyen',
  role: 'Clinic manager',
  goals: 'Keep every chair busy',
  barriers: 'No stock levels on the site',
  quote: 'I order by phone because the site never shows our offers.',
};
const TUAN = {
  name: 'Tuấn Trần',
  role: 'Patient',
  goals: 'A check-up without a long wait',
  barriers: 'Cannot book on a Sunday',
  quote: 'I just want to pick a time.',
};

test('the owner adds two personas that others see live, tags cards with them, and each person filters the board by a persona of their own', async ({
  browser,
}) => {
  const samAccount = await signUpInvited(server, owner, boardId, 'Sam', 'participant', 'dept-support');
  const olivia = await BoardPage.newContext(browser, server, owner);
  await olivia.open(server.url, boardId);
  const sam = await BoardPage.newContext(browser, server, samAccount);
  await sam.open(server.url, boardId);
  const oliviaPersonas = new Personas(olivia);
  const samPersonas = new Personas(sam);

  await oliviaPersonas.add(MAI);
  await oliviaPersonas.add(TUAN);
  await olivia.expectSaved();

  // Sam sees both in the strip, live, with their roles; he reads Mai's panel but has nothing to edit.
  await expect(samPersonas.chip(MAI.name)).toHaveAccessibleName(`${MAI.name} ${MAI.role}`);
  await expect(samPersonas.chip(TUAN.name)).toHaveAccessibleName(`${TUAN.name} ${TUAN.role}`);
  await expect(samPersonas.strip().getByRole('button', { name: 'Add persona' })).toHaveCount(0);
  await samPersonas.chip(MAI.name).click();
  const samPanel = samPersonas.panel(MAI.name);
  await expect(samPanel).toContainText(MAI.goals);
  await expect(samPanel).toContainText(MAI.quote);
  await expect(samPanel.getByRole('textbox')).toHaveCount(0);
  await expect(samPanel.getByRole('button', { name: 'Remove persona' })).toHaveCount(0);
  // A field filled in later shows in his panel as it is saved.
  const oliviaPanel = oliviaPersonas.panel(MAI.name);
  await oliviaPersonas.chip(MAI.name).click();
  await oliviaPanel.getByRole('textbox', { name: 'Needs' }).fill('Pre-orders for promotions');
  await oliviaPanel.getByRole('textbox', { name: 'Needs' }).blur();
  await expect(samPanel).toContainText('Pre-orders for promotions');
  // A name is required: the model's reason shows beside the field, and nothing is saved.
  await oliviaPanel.getByRole('textbox', { name: 'Name' }).fill('  ');
  await oliviaPanel.getByRole('textbox', { name: 'Name' }).press('Enter');
  await expect(oliviaPanel.getByRole('alert')).toHaveText('Text cannot be empty.');
  await expect(oliviaPanel.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
  await oliviaPanel.getByRole('textbox', { name: 'Name' }).press('Escape');
  await expect(oliviaPanel.getByRole('textbox', { name: 'Name' })).toHaveValue(MAI.name);
  await oliviaPanel.press('Escape');
  await expect(oliviaPanel).toHaveCount(0);
  await expect(samPanel).toContainText(MAI.name);
  await samPanel.getByRole('button', { name: 'Close persona' }).click();

  await olivia.addCard('Touchpoints', 'Awareness', 'Sees the offer on Facebook');
  await olivia.addCard('Touchpoints', 'Awareness', 'Books a check-up online');
  await olivia.addCard('Touchpoints', 'Awareness', 'Reads reviews of the clinic');
  // Olivia tags one card with Mai, by the keyboard; Sam, who writes this shared lane, tags another with Tuấn.
  await oliviaPersonas.tag(olivia.card('Sees the offer on Facebook'), MAI.name);
  await samPersonas.tag(sam.card('Books a check-up online'), TUAN.name);
  await expect(olivia.card('Books a check-up online').locator(`[title="${TUAN.name}"]`)).toHaveText('TT');
  await expect(sam.card('Sees the offer on Facebook').locator(`[title="${MAI.name}"]`)).toHaveText('MN');
  await expect(sam.card('Sees the offer on Facebook')).toHaveAccessibleDescription(
    new RegExp(`Personas: ${MAI.name}`),
  );

  // Sam filters by Mai: her card and the untagged one stay; the card about Tuấn is dimmed, and says so.
  await samPersonas.filterToggle(MAI.name).click();
  await expect(samPersonas.filterToggle(MAI.name)).toHaveAttribute('aria-pressed', 'true');
  await expect(samPersonas.strip().getByRole('status')).toHaveText(
    `Showing what concerns ${MAI.name}: cards about other personas are dimmed.`,
  );
  const dimmed = (board: BoardPage, text: string) => board.card(text).getAttribute('data-dimmed');
  await expect(sam.card('Books a check-up online')).toHaveAttribute('data-dimmed', 'true');
  await expect(sam.card('Books a check-up online')).toHaveAccessibleDescription(/\(other persona\)/);
  expect(await dimmed(sam, 'Sees the offer on Facebook')).toBeNull();
  expect(await dimmed(sam, 'Reads reviews of the clinic')).toBeNull();
  // Dimmed, yet readable: its text keeps 4.5:1 against its background.
  await expect.poll(() => axeViolations(sam.page, ['serious', 'critical'], ['[data-dimmed]'])).toEqual([]);

  // The filter is Sam's own: Olivia's board is not filtered. It stays over a reload of his page.
  expect(await dimmed(olivia, 'Books a check-up online')).toBeNull();
  await sam.page.reload();
  await sam.expectSaved();
  await expect(samPersonas.filterToggle(MAI.name)).toHaveAttribute('aria-pressed', 'true');
  await expect(sam.card('Books a check-up online')).toHaveAttribute('data-dimmed', 'true');
  // Tagged with Mai as well, the card concerns her too.
  await samPersonas.tag(sam.card('Books a check-up online'), MAI.name);
  await expect(sam.card('Books a check-up online')).not.toHaveAttribute('data-dimmed');
  await samPersonas.strip().getByRole('button', { name: 'Show all' }).click();
  await expect(samPersonas.filterToggle(MAI.name)).toHaveAttribute('aria-pressed', 'false');

  // Sam's own sync client writing a persona into the structure doc is refused by the server: it
  // is read-only for participants. Nobody sees it, and a fresh read of the board has two personas.
  const syncUrl = `${server.url.replace(/^http/, 'ws')}/sync`;
  const raw = new SyncClient(syncUrl, `${SESSION_COOKIE}=${samAccount.session}`);
  try {
    const structure = await raw.open(structureDocName(boardId));
    const refused = waitForRefusal(structure);
    addPersona(structure.document, { name: 'Written behind the page' });
    await refused;
  } finally {
    raw.destroy();
  }
  const reader = new SyncClient(syncUrl, `${SESSION_COOKIE}=${owner.session}`);
  try {
    const structure = await reader.open(structureDocName(boardId));
    expect(readBoard(structure.document).personas.map((p) => p.name)).toEqual([MAI.name, TUAN.name]);
  } finally {
    reader.destroy();
  }
  await expect(oliviaPersonas.strip().getByRole('listitem')).toHaveCount(2);
});

test('removing a persona offers Undo, which brings it back with its tags', async ({ browser }) => {
  const olivia = await BoardPage.newContext(browser, server, owner);
  await olivia.open(server.url, boardId);
  const personas = new Personas(olivia);
  await personas.add(MAI);
  await olivia.addCard('Pain points', 'Decision', 'Promotional items are out of stock');
  await personas.tag(olivia.card('Promotional items are out of stock'), MAI.name);

  await personas.chip(MAI.name).click();
  await personas.panel(MAI.name).getByRole('button', { name: 'Remove persona' }).click();
  await expect(personas.chip(MAI.name)).toHaveCount(0);
  await expect(olivia.card('Promotional items are out of stock').locator('[data-persona-tag]')).toHaveCount(
    0,
  );
  await expect(personas.strip().getByRole('button', { name: 'Add persona' })).toBeFocused();
  const toast = olivia.page.locator('[data-undo-toast]');
  await expect(toast).toContainText(`Persona “${MAI.name}” removed.`);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(personas.chip(MAI.name)).toBeFocused();
  await expect(
    olivia.card('Promotional items are out of stock').locator(`[title="${MAI.name}"]`),
  ).toBeVisible();
  await olivia.expectSaved();
});

test('filtered by a persona, the emotion curve fades the lines of the other personas and names their points so', async ({
  browser,
}) => {
  const olivia = await BoardPage.newContext(browser, server, owner);
  await olivia.open(server.url, boardId);
  const personas = new Personas(olivia);
  await personas.add(MAI);
  await personas.add(TUAN);
  await olivia.page.getByRole('combobox', { name: 'Kind of lane' }).selectOption('emotions');
  await olivia.page.getByRole('button', { name: 'Add lane' }).click();
  const curve = olivia.page.getByRole('group', { name: 'Emotion curve of Emotions' });
  const lineChoice = curve.getByRole('combobox', { name: 'Add points for' });
  for (const persona of [MAI, TUAN]) {
    const line = `${persona.name} (${persona.role})`;
    await lineChoice.selectOption({ label: line });
    await curve.getByRole('button', { name: `Add a point for ${line} in Awareness` }).click();
    await expect(olivia.page.getByRole('slider', { name: `Emotion of ${line} in Awareness` })).toBeFocused();
  }
  await olivia.expectSaved();
  const paths = curve.locator('path[data-line]');
  await expect(paths).toHaveCount(2);
  await expect(curve.locator('path[data-dimmed]')).toHaveCount(0);

  await personas.filterToggle(MAI.name).click();
  const [maiId, tuanId] = await personas
    .strip()
    .locator('[data-persona-chip]')
    .evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-persona-chip')));
  await expect(curve.locator(`path[data-line="${tuanId}"]`)).toHaveAttribute('data-dimmed', 'true');
  await expect(curve.locator(`path[data-line="${maiId}"]`)).not.toHaveAttribute('data-dimmed');
  await expect(
    olivia.page.getByRole('slider', {
      name: `Emotion of ${TUAN.name} (${TUAN.role}) (other persona) in Awareness`,
    }),
  ).toBeVisible();
  await expect(
    olivia.page.getByRole('slider', { name: `Emotion of ${MAI.name} (${MAI.role}) in Awareness` }),
  ).toBeVisible();
  const violations = await axeViolations(olivia.page);
  expect(violations, describeViolations(violations)).toEqual([]);
});

test("a persona's photo, chosen in its panel, shows on its chip for everyone, and its initials come back when it is removed", async ({
  browser,
}) => {
  const samAccount = await signUpInvited(server, owner, boardId, 'Sam', 'participant', 'dept-support');
  const olivia = await BoardPage.newContext(browser, server, owner);
  await olivia.open(server.url, boardId);
  const personas = new Personas(olivia);
  await personas.add(MAI);
  const sam = await BoardPage.newContext(browser, server, samAccount);
  await sam.open(server.url, boardId);
  const samChipPhoto = new Personas(sam).chip(MAI.name).locator('img');

  await personas.chip(MAI.name).click();
  const panel = personas.panel(MAI.name);
  const chooser = olivia.page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'Add a photo' }).click();
  await (await chooser).setFiles({ name: 'mai.png', mimeType: 'image/png', buffer: makePng(400, 400) });
  await expect(panel.getByRole('img', { name: `Photo of ${MAI.name}` })).toBeVisible();
  await expect(samChipPhoto).toBeVisible();
  await expect
    .poll(() => samChipPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  // The chip is still named by the persona, not by its picture.
  await expect(new Personas(sam).chip(MAI.name)).toHaveAccessibleName(`${MAI.name} ${MAI.role}`);
  // A participant is offered no photo to change.
  await new Personas(sam).chip(MAI.name).click();
  await expect(new Personas(sam).panel(MAI.name).getByRole('button', { name: /photo/ })).toHaveCount(0);

  await panel.getByRole('button', { name: 'Remove the photo' }).click();
  await expect(samChipPhoto).toHaveCount(0);
  await expect(new Personas(sam).chip(MAI.name)).toContainText('MN');
  await olivia.expectSaved();
});

test('the board with its personas, a persona open and a filter on has no serious accessibility problem, for the owner and a participant, in English and Vietnamese', async ({
  browser,
}) => {
  const samAccount = await signUpInvited(server, owner, boardId, 'Sam', 'participant', 'dept-support');
  const olivia = await BoardPage.newContext(browser, server, owner);
  await olivia.open(server.url, boardId);
  const personas = new Personas(olivia);
  await personas.add(MAI);
  await personas.add(TUAN);
  await olivia.addCard('Touchpoints', 'Awareness', 'Sees the offer on Facebook');
  await olivia.addCard('Touchpoints', 'Awareness', 'Books a check-up online');
  await personas.tag(olivia.card('Sees the offer on Facebook'), MAI.name);
  await personas.tag(olivia.card('Books a check-up online'), TUAN.name);
  await olivia.expectSaved();

  const sam = await BoardPage.newContext(browser, server, samAccount);
  await sam.open(server.url, boardId);
  for (const board of [olivia, sam]) {
    for (const language of ['en', 'vi'] as const) {
      await board.page.evaluate((locale) => localStorage.setItem('PARAGLIDE_LOCALE', locale), language);
      await board.page.reload();
      await board.expectSaved();
      const strip = board.page.locator('[data-persona-strip]');
      await strip.locator(`[data-persona-chip]`).first().click();
      await expect(board.page.locator('[data-persona-panel]')).toBeVisible();
      const filter = strip.locator('[data-persona-filter]').first();
      if ((await filter.getAttribute('aria-pressed')) !== 'true') await filter.click();
      await expect(board.card('Books a check-up online')).toHaveAttribute('data-dimmed', 'true');
      // The card's Personas list open too, for the owner, who may tag it.
      if (board === olivia) {
        await board.card('Sees the offer on Facebook').hover();
        await board.card('Sees the offer on Facebook').locator('[data-card-personas]').click();
        await expect(board.page.locator('[data-persona-menu]')).toBeVisible();
      }
      const violations = await axeViolations(board.page);
      expect(violations, describeViolations(violations)).toEqual([]);
    }
  }
});
