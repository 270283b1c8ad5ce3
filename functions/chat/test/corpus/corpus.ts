import { addCorpus } from './corpus-add';
import { appHabitsCorpus } from './corpus-app-habits';
import { betweenShiftsCorpus } from './corpus-between-shifts';
import { changeCorpus } from './corpus-change';
import { doneCorpus } from './corpus-done';
import type { CorpusEntry } from './corpus-entry';
import { everydayCorpus } from './corpus-everyday';
import { firstTimeCorpus } from './corpus-first-time';
import { fullSentencesCorpus } from './corpus-full-sentences';
import { listCorpus } from './corpus-list';
import { quickBurstsCorpus } from './corpus-quick-bursts';
import { otherCorpus } from './corpus-other';
import { recurringCorpus } from './corpus-recurring';
import { reviewersCorpus } from './corpus-reviewers';
import { spokenCorpus } from './corpus-spoken';
import { textingCorpus } from './corpus-texting';
import { workingEnglishCorpus } from './corpus-working-english';
import { timeZoneCorpus } from './corpus-time-zones';

export { CORPUS_NOW, CORPUS_ZONE, type CorpusEntry } from './corpus-entry';

/** Every corpus message with the intent it must produce. */
export const corpus: CorpusEntry[] = [...addCorpus, ...recurringCorpus, ...timeZoneCorpus, ...listCorpus, ...changeCorpus, ...doneCorpus, ...otherCorpus, ...everydayCorpus, ...spokenCorpus, ...firstTimeCorpus, ...betweenShiftsCorpus, ...quickBurstsCorpus, ...textingCorpus, ...workingEnglishCorpus, ...reviewersCorpus, ...appHabitsCorpus, ...fullSentencesCorpus];
