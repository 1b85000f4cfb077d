// The limits live apart from schema.ts so that the record modules it reads with (card-fields.ts,
// persona-record.ts) can use them without importing schema.ts back.

/** Longest texts (in characters, after trimming) and largest counts the operations accept. */
export const LIMITS = {
  title: 120,
  stageName: 60,
  laneName: 60,
  departmentName: 60,
  cardText: 1000,
  commentText: 2000,
  authorName: 80,
  stages: 30,
  lanes: 40,
  departments: 20,
  /** Cards in one lane: a workshop fills a lane with tens; a whole year's map with a few hundred. */
  cardsPerLane: 1000,
  /** Comments on one board. */
  comments: 5000,
  /** People one comment mentions. */
  mentions: 20,
  /** Reactions on one board's cards (one per person, card and emoji). */
  reactions: 20000,
  /** Reactions one person has on one board's cards: far more than a workshop gives, and one
   * person alone never fills the board's. */
  reactionsPerPerson: 500,
  /** Personas of one board: the emotion curve draws a line for each, told apart by colour and dash. */
  personas: 5,
  personaName: 60,
  personaRole: 80,
  /** Each of a persona's goals, needs, motivations, barriers and demographics. */
  personaText: 500,
  personaQuote: 280,
  /** A stage's time frame, e.g. "week 1" or "day 30–60". */
  timeFrame: 40,
  /** A touchpoint's channel when it is not one of `CHANNELS`. */
  channelName: 40,
  kpiUnit: 16,
  /** The largest magnitude of a KPI's current value or target. */
  kpiMagnitude: 1e12,
  /** An emotion point's score runs from −3 to +3. */
  emotionScore: 3,
  /** Persona tags on one card. */
  cardPersonas: 5,
  /** Links from one card to others. */
  cardLinks: 20,
  /** Departments responsible named on one card. */
  cardDepartments: 20,
  /** Attachments on one card. */
  cardAttachments: 10,
  /** Cards one person holds in private mode before the reveal (their private doc). */
  privateCards: 200,
} as const;

/**
 * The largest each kind of document may grow to, in encoded bytes. A lane of 1,000 cards of 300
 * characters is about 0.5 MB; a board of 5,000 cards over ten lanes about 1 MB in all.
 */
export const DOCUMENT_BYTES = {
  structure: 256 * 1024,
  lane: 2 * 1024 * 1024,
  talk: 4 * 1024 * 1024,
  session: 256 * 1024,
  /** One person's private cards: 200 of 1,000 characters is about 0.25 MB. */
  private: 512 * 1024,
} as const;
