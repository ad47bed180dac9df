// A small social map for the family-support tests: a CAW with a parenting service in Leuven, a Huis van het Kind, a diagnostics centre.
export const CAW = '6f1c1a52-0000-4000-8000-000000000001';
export const CAW_LEUVEN = '6f1c1a52-0000-4000-8000-000000000011';
export const CAW_PARENTING = '6f1c1a52-0000-4000-8000-000000000021';
export const HVHK = '6f1c1a52-0000-4000-8000-000000000002';
export const HVHK_HERENT = '6f1c1a52-0000-4000-8000-000000000012';
export const HVHK_CONSULT = '6f1c1a52-0000-4000-8000-000000000022';
export const HVHK_PLAY = '6f1c1a52-0000-4000-8000-000000000023';
export const DIAG = '6f1c1a52-0000-4000-8000-000000000003';

export function socialMapDocument() {
  return {
    hsds_version: '3.0',
    organizations: [
      {
        id: CAW,
        name: 'CAW Oost-Brabant',
        description: 'Algemeen welzijnswerk',
        email: 'onthaal@caw.example',
        website: 'https://caw.example',
        contacts: [{ name: 'An Onthaal', title: 'onthaalmedewerker', email: 'an@caw.example', phones: [{ number: '016 11 11 11' }] }],
        locations: [{ id: CAW_LEUVEN, name: 'CAW Leuven', latitude: 50.879, longitude: 4.7, addresses: [{ address_1: 'Diestsestraat 1', city: 'Leuven', postal_code: '3000', nabij_nis_code: '24062' }], schedules: [{ byday: 'MO,TU,TH', opens_at: '09:00', closes_at: '12:30' }] }],
        services: [
          {
            id: CAW_PARENTING,
            name: 'Opvoedingsondersteuning aan huis',
            description: 'Een begeleider komt bij u thuis.',
            status: 'active',
            minimum_age: 0,
            maximum_age: 3,
            languages: [{ code: 'nl' }, { code: 'ar' }, { code: 'fr' }],
            attributes: [{ taxonomy_term: { code: 'parenting', taxonomy: 'nabij-need' } }, { taxonomy_term: { code: 'parents', taxonomy: 'nabij-target-group' } }],
            phones: [{ number: '016 11 11 12' }],
            service_at_locations: [{ location_id: CAW_LEUVEN }],
          },
        ],
      },
      {
        id: HVHK,
        name: 'Huis van het Kind Herent',
        locations: [{ id: HVHK_HERENT, name: 'Huis van het Kind', addresses: [{ address_1: 'Kerkstraat 2', city: 'Herent', postal_code: '3020', nabij_nis_code: '24038' }] }],
        services: [
          { id: HVHK_CONSULT, name: 'Consultatiebureau', status: 'active', maximum_age: 3, languages: [{ code: 'nl' }], attributes: [{ taxonomy_term: { code: 'health', taxonomy: 'nabij-need' } }], service_at_locations: [{ location_id: HVHK_HERENT }] },
          { id: HVHK_PLAY, name: 'Spel en ontmoeting', status: 'inactive', languages: [{ code: 'nl' }, { code: 'ar' }], attributes: [{ taxonomy_term: { code: 'meeting', taxonomy: 'nabij-need' } }], service_at_locations: [{ location_id: HVHK_HERENT }] },
        ],
      },
      { id: DIAG, name: 'COS Leuven', services: [] },
    ],
  };
}
