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
