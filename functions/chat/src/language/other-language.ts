/**
 * Common words of the languages people most often try instead of English (Spanish, Portuguese, French,
 * German, Italian, Dutch, Tagalog, Hindi and Urdu in Latin letters, Indonesian and Malay, Swahili): function
 * words, greetings and the words of a todo request. Words that are also English ("me", "do", "die", "pain")
 * are left out.
 */
const FOREIGN_WORDS = new Set(
  `
  el los las que qué por para con una uno unos mañana hoy tengo tienes tareas tarea puedes puede ayudar ayuda hola gracias
  recordar recuérdame recuerdame comprar llamar pagar está estás cómo cuándo dónde pero también muy hacer necesito quiero semana
  lunes martes miércoles jueves viernes sábado domingo hasta luego buenos buenas días noches tardes favor
  não sim você vocês amanhã hoje lembra lembre lembrar ligar obrigado obrigada olá tarefa tarefas preciso quero segunda terça
  quarta quinta sexta boleto às fazer posso pode comprar amanha
  les des une est et je tu vous nous pour avec demain aujourd'hui acheter appeler rappelle rappelle-moi bonjour merci quoi mes
  tâches tâche faire besoin lundi mardi mercredi jeudi vendredi samedi dimanche peux pouvez salut
  c'est ça va capitale du qu'est-ce dir mir helfen meine mein woche zu planen
  der das und ist nicht ich wir mit für auf ein eine einen morgen heute bitte kaufen anrufen erinnere erinnern mich wie spät
  was wann danke hallo aufgaben aufgabe machen muss kaufe rufe milch brot oder einkaufen termin montag dienstag mittwoch donnerstag freitag samstag sonntag uhr kannst
  il gli della che domani oggi comprare chiamare ricordami grazie ciao sono cosa puoi
  het een niet ik vandaag morgon kopen bellen herinner mij boodschappen
  ang ng mga ako ikaw kumusta ano kaya mong gawin bukas ngayon paalalahanan magbayad kuryente salamat bumili pakiusap
  mujhe kal subah baje lena hai hain yaad dila dena aap kya kar sakte mera meri karna kaam aaj shaam raat nahi aur
  saya besok hari ini itu dan yang untuk tolong ingatkan beli bayar
  kesho leo nikumbushe tafadhali
  apa kabar kamu bisa bantu saja aku
  heddiw sut wyt yfory diolch helo plis
  asseblief herinner môre vandag koop brood hoe gaan dankie moet
  ricordami domani per favore
  hej kan påminna mig att ringa imorgon morgon vilka möten har jag fredag tack måndag tisdag onsdag torsdag lördag söndag snälla
  bonjour quelle heure est-il s'il plaît ajoute ajouter liste achète
  nhắc tôi mua sữa cho vào ngày mai hôm nay
  yarın annemi aramayı unutma bugün lütfen hatırlat
  przypomnij jutro zakupach proszę dzisiaj
  ashita haisha iku wasurenaide kyou onegai shimasu kudasai desu
`
    .trim()
    .split(/\s+/),
);

/** English words a short request nearly always holds one of. */
const ENGLISH_WORDS = new Set(
  `the a an and to for with my me at on by is it i please remind tomorrow today tonight call buy add what how can you your
   task tasks next every due this that of from need get pay book send check make set move delete done list week day am pm`
    .trim()
    .split(/\s+/),
);

/** Letters outside the Latin script: Cyrillic, Greek, CJK, Arabic, Hebrew, Devanagari, Thai, Hangul. */
const OTHER_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Devanagari}\p{Script=Thai}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\p{Script=Hangul}]/u;

/** Whether a message holds letters of another script than the Latin one. */
export function hasOtherScript(text: string): boolean {
  return OTHER_SCRIPT.test(text);
}

/**
 * Whether a message is in another language than English: more of the common words of another
 * language than of English (at least two, or half of a short message's words).
 */
export function isOtherLanguage(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}[\p{L}'-]*/gu) ?? [];
  if (words.length === 0 || words.length > 60) return false;
  let foreign = 0;
  let english = 0;
  for (const word of words) {
    if (FOREIGN_WORDS.has(word)) foreign++;
    else if (ENGLISH_WORDS.has(word)) english++;
  }
  return foreign > english && (foreign >= 2 || foreign * 2 >= words.length);
}
