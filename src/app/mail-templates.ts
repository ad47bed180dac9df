// Mail to families, in Dutch (plain B1), English, French and Arabic: one short message per event.

export type Language = 'nl' | 'en' | 'fr' | 'ar';

export interface Mail {
  subject: string;
  text: string;
  /** Right-to-left scripts need the direction set when the mail is shown as HTML. */
  dir: 'ltr' | 'rtl';
}

interface Facts {
  requestNumber: string;
  location?: string;
  start?: string;
  deadline?: string;
}

const T: Record<string, Record<Language, (f: Facts) => { subject: string; text: string }>> = {
  'request.registered': {
    nl: (f) => ({ subject: `Uw aanvraag is ingeschreven (${f.requestNumber})`, text: `We hebben uw aanvraag voor kinderopvang ingeschreven. Uw nummer is ${f.requestNumber}.\nBewaar dit nummer. Wij laten u weten wanneer er een plaats is.` }),
    en: (f) => ({ subject: `Your request is registered (${f.requestNumber})`, text: `We registered your childcare request. Your number is ${f.requestNumber}.\nKeep this number. We will let you know when there is a place.` }),
    fr: (f) => ({ subject: `Votre demande est enregistrée (${f.requestNumber})`, text: `Nous avons enregistré votre demande d'accueil. Votre numéro est ${f.requestNumber}.\nGardez ce numéro. Nous vous préviendrons quand une place sera libre.` }),
    ar: (f) => ({ subject: `تم تسجيل طلبك (${f.requestNumber})`, text: `لقد سجلنا طلبك لرعاية الأطفال. رقمك هو ${f.requestNumber}.\nاحتفظ بهذا الرقم. سنخبرك عندما يتوفر مكان.` }),
  },
  'offer.reminder': {
    nl: (f) => ({ subject: `Vergeet niet te antwoorden (${f.requestNumber})`, text: `${f.location} wacht op uw antwoord over de plaats vanaf ${f.start}.\nAntwoord ten laatste op ${f.deadline}. Daarna vervalt het aanbod.` }),
    en: (f) => ({ subject: `Please remember to answer (${f.requestNumber})`, text: `${f.location} is waiting for your answer about the place from ${f.start}.\nPlease answer by ${f.deadline}. After that the offer lapses.` }),
    fr: (f) => ({ subject: `N'oubliez pas de répondre (${f.requestNumber})`, text: `${f.location} attend votre réponse pour la place à partir du ${f.start}.\nRépondez au plus tard le ${f.deadline}. Ensuite, l'offre expire.` }),
    ar: (f) => ({ subject: `لا تنس الرد (${f.requestNumber})`, text: `تنتظر ${f.location} ردك بخصوص المكان ابتداءً من ${f.start}.\nيرجى الرد قبل ${f.deadline}. بعد ذلك ينتهي العرض.` }),
  },
  'offer.expired.family': {
    nl: (f) => ({ subject: `Het aanbod is vervallen (${f.requestNumber})`, text: `U hebt niet op tijd geantwoord op het aanbod van ${f.location}. Het aanbod is vervallen.\nUw aanvraag blijft wel lopen voor uw andere keuzes.` }),
    en: (f) => ({ subject: `The offer has lapsed (${f.requestNumber})`, text: `You did not answer the offer from ${f.location} in time. The offer has lapsed.\nYour request still runs for your other choices.` }),
    fr: (f) => ({ subject: `L'offre a expiré (${f.requestNumber})`, text: `Vous n'avez pas répondu à temps à l'offre de ${f.location}. L'offre a expiré.\nVotre demande reste active pour vos autres choix.` }),
    ar: (f) => ({ subject: `انتهى العرض (${f.requestNumber})`, text: `لم ترد في الوقت المحدد على عرض ${f.location}. انتهى العرض.\nيبقى طلبك ساريًا لاختياراتك الأخرى.` }),
  },
  'request.lapsed': {
    nl: (f) => ({ subject: `Uw aanvraag is vervallen (${f.requestNumber})`, text: `Uw aanvraag ${f.requestNumber} is vervallen. Zoekt u toch nog opvang? Neem dan contact op met het loket.` }),
    en: (f) => ({ subject: `Your request has lapsed (${f.requestNumber})`, text: `Your request ${f.requestNumber} has lapsed. Still looking for childcare? Please contact the desk.` }),
    fr: (f) => ({ subject: `Votre demande a expiré (${f.requestNumber})`, text: `Votre demande ${f.requestNumber} a expiré. Vous cherchez encore un accueil ? Contactez le guichet.` }),
    ar: (f) => ({ subject: `انتهى طلبك (${f.requestNumber})`, text: `انتهى طلبك ${f.requestNumber}. هل ما زلت تبحث عن رعاية للأطفال؟ يرجى الاتصال بالمكتب.` }),
  },
  'offer.made': {
    nl: (f) => ({ subject: `Er is een plaats voor uw kind (${f.requestNumber})`, text: `Goed nieuws. ${f.location} heeft een plaats voor uw kind vanaf ${f.start}.\nAntwoord ten laatste op ${f.deadline}. Zonder antwoord vervalt het aanbod.\nU kunt het aanbod aanvaarden, weigeren, of aanvaarden en blijven wachten op een opvang die u liever hebt.` }),
    en: (f) => ({ subject: `There is a place for your child (${f.requestNumber})`, text: `Good news. ${f.location} has a place for your child from ${f.start}.\nPlease answer by ${f.deadline}. Without an answer the offer lapses.\nYou can accept, decline, or accept and keep waiting for a place you prefer.` }),
    fr: (f) => ({ subject: `Une place pour votre enfant (${f.requestNumber})`, text: `Bonne nouvelle. ${f.location} a une place pour votre enfant à partir du ${f.start}.\nRépondez au plus tard le ${f.deadline}. Sans réponse, l'offre expire.\nVous pouvez accepter, refuser, ou accepter et continuer à attendre une place que vous préférez.` }),
    ar: (f) => ({ subject: `يوجد مكان لطفلك (${f.requestNumber})`, text: `خبر سار. لدى ${f.location} مكان لطفلك ابتداءً من ${f.start}.\nيرجى الرد قبل ${f.deadline}. بدون رد ينتهي العرض.\nيمكنك القبول أو الرفض أو القبول مع الاستمرار في انتظار مكان تفضله.` }),
  },
  'placement.confirmed': {
    nl: (f) => ({ subject: `Uw plaats is bevestigd (${f.requestNumber})`, text: `U hebt de plaats aanvaard. Uw kind kan naar ${f.location} vanaf ${f.start}.\nDe opvang neemt contact met u op om kennis te maken.` }),
    en: (f) => ({ subject: `Your place is confirmed (${f.requestNumber})`, text: `You accepted the place. Your child can go to ${f.location} from ${f.start}.\nThe childcare will contact you to get to know you.` }),
    fr: (f) => ({ subject: `Votre place est confirmée (${f.requestNumber})`, text: `Vous avez accepté la place. Votre enfant peut aller à ${f.location} à partir du ${f.start}.\nL'accueil vous contactera pour faire connaissance.` }),
    ar: (f) => ({ subject: `تم تأكيد مكانك (${f.requestNumber})`, text: `لقد قبلت المكان. يمكن لطفلك الذهاب إلى ${f.location} ابتداءً من ${f.start}.\nستتصل بك الحضانة للتعارف.` }),
  },
};

export function hasTemplate(topic: string): boolean {
  return Object.hasOwn(T, topic);
}

export function render(topic: string, language: string, facts: Facts): Mail {
  const lang: Language = (['nl', 'en', 'fr', 'ar'] as const).includes(language as Language) ? (language as Language) : 'nl';
  const t = T[topic];
  if (!t) throw new Error(`no template for ${topic}`);
  return { ...t[lang](facts), dir: lang === 'ar' ? 'rtl' : 'ltr' };
}
