// The console's words in fr, en and de. The language is the one chosen in
// the header (kept in this browser), else the browser's, else English.
'use strict';
const SM_WORDS = {
  en: {
    walk_in: 'Add a walk-in', walk_in_add: 'Add and print the badge', company: 'company', project: 'project',
    board: 'Board', attendance: 'Attendance', people: 'People', devices: 'Devices', reports: 'Reports',
    logout: 'Log out', login: 'Log in', name: 'Name', password: 'Password', wrong_login: 'Wrong name or password.',
    round: 'Round', of: 'of', ends_in: 'ends in', starts_in: 'starts in', over: 'over', next_round: 'Next round',
    complete: 'complete', waiting: 'one waiting', empty: 'nobody yet', no_show: 'no-show', free: 'free',
    rematched: 're-matched', standby: 'Standing by for a re-match', nobody: 'Nobody.', table: 'Table',
    previous: 'Previous', next: 'Next', now: 'Now', live: 'live', offline: 'reconnecting…',
    search: 'Search by name, organization, id or badge code', organization: 'Organization', role: 'Role',
    email: 'E-mail', language: 'Language', badge: 'Badge', serial: 'serial', revoked: 'revoked', valid: 'valid',
    at_venue: 'At the venue', yes: 'yes', no: 'no', left: 'Left the event', agenda: 'Agenda', partner: 'Partner',
    present: 'Present', scans: 'Scans', time: 'Time', kiosk: 'Kiosk', kind: 'Kind', outcome: 'Outcome',
    reason: 'Reason', revoke: 'Revoke badge', reissue: 'Reissue badge (PDF)', mark_left: 'Mark as left',
    confirm_revoke: 'Revoke every badge of this person? Kiosks refuse them after their next sync.',
    confirm_reissue: 'Print a new badge? Older badges stop working.',
    confirm_left: 'Mark this person as gone? The re-match will not place them any more.',
    done: 'Done.', last_contact: 'Last contact', rows_received: 'Rows received', clock_offset: 'Clock offset', clock_unknown: 'not reported', status: 'Status',
    active: 'active', never: 'never', add_device: 'Add a kiosk', device_name: 'Kiosk name', add: 'Add',
    token_once: 'Its token, shown only now: put it in the kiosk\'s token file.', shared_name: 'shared name',
    revoke_device: 'Revoke', ago: 'ago', confirm_device_revoke: 'Revoke this kiosk? Its token stops working at once.',
    download_all: 'All files (zip)', audit: 'Audit', who: 'Who', what: 'What', address: 'Address',
    arrivals: 'Arrivals over time', per_round: 'Present per round', expected: 'Expected', at_venue_of: '{n} of {total} people at the venue', missing: 'Not arrived for round',
    doubles: 'Admitted twice (two kiosks)', people_count: 'people', arrived: 'arrived',
  },
  fr: {
    walk_in: 'Ajouter une personne sur place', walk_in_add: 'Ajouter et imprimer le badge', company: 'entreprise', project: 'projet',
    board: 'Tableau', attendance: 'Présences', people: 'Personnes', devices: 'Bornes', reports: 'Rapports',
    logout: 'Déconnexion', login: 'Connexion', name: 'Nom', password: 'Mot de passe', wrong_login: 'Nom ou mot de passe incorrect.',
    round: 'Tour', of: 'sur', ends_in: 'fin dans', starts_in: 'début dans', over: 'terminé', next_round: 'Tour suivant',
    complete: 'complète', waiting: 'une personne attend', empty: 'personne encore', no_show: 'absents', free: 'libre',
    rematched: 'réappariée', standby: 'En attente d\'un nouvel appariement', nobody: 'Personne.', table: 'Table',
    previous: 'Précédent', next: 'Suivant', now: 'Maintenant', live: 'en direct', offline: 'reconnexion…',
    search: 'Chercher par nom, organisation, id ou code de badge', organization: 'Organisation', role: 'Rôle',
    email: 'E-mail', language: 'Langue', badge: 'Badge', serial: 'série', revoked: 'révoqué', valid: 'valide',
    at_venue: 'Sur place', yes: 'oui', no: 'non', left: 'A quitté l\'événement', agenda: 'Agenda', partner: 'Partenaire',
    present: 'Présent', scans: 'Scans', time: 'Heure', kiosk: 'Borne', kind: 'Type', outcome: 'Résultat',
    reason: 'Raison', revoke: 'Révoquer le badge', reissue: 'Nouveau badge (PDF)', mark_left: 'Marquer comme parti',
    confirm_revoke: 'Révoquer tous les badges de cette personne ? Les bornes les refusent après leur prochaine synchronisation.',
    confirm_reissue: 'Imprimer un nouveau badge ? Les anciens ne fonctionnent plus.',
    confirm_left: 'Marquer cette personne comme partie ? Elle ne sera plus réappariée.',
    done: 'Fait.', last_contact: 'Dernier contact', rows_received: 'Lignes reçues', clock_offset: 'Écart d’horloge', clock_unknown: 'non signalé', status: 'État',
    active: 'active', never: 'jamais', add_device: 'Ajouter une borne', device_name: 'Nom de la borne', add: 'Ajouter',
    token_once: 'Son jeton, affiché une seule fois : copiez-le dans le fichier de jeton de la borne.', shared_name: 'nom partagé',
    revoke_device: 'Révoquer', ago: 'il y a', confirm_device_revoke: 'Révoquer cette borne ? Son jeton cesse de fonctionner immédiatement.',
    download_all: 'Tous les fichiers (zip)', audit: 'Journal des actions', who: 'Qui', what: 'Quoi', address: 'Adresse',
    arrivals: 'Arrivées dans le temps', per_round: 'Présents par tour', expected: 'Attendus', at_venue_of: '{n} personnes sur {total} sur place', missing: 'Pas encore arrivés pour le tour',
    doubles: 'Admis deux fois (deux bornes)', people_count: 'personnes', arrived: 'arrivés',
  },
  de: {
    walk_in: 'Spontane Teilnahme hinzufügen', walk_in_add: 'Hinzufügen und Badge drucken', company: 'Unternehmen', project: 'Projekt',
    board: 'Tafel', attendance: 'Anwesenheit', people: 'Personen', devices: 'Terminals', reports: 'Berichte',
    logout: 'Abmelden', login: 'Anmelden', name: 'Name', password: 'Passwort', wrong_login: 'Name oder Passwort falsch.',
    round: 'Runde', of: 'von', ends_in: 'endet in', starts_in: 'beginnt in', over: 'vorbei', next_round: 'Nächste Runde',
    complete: 'vollständig', waiting: 'eine Person wartet', empty: 'noch niemand', no_show: 'nicht erschienen', free: 'frei',
    rematched: 'neu zugeordnet', standby: 'Wartet auf eine Neuzuordnung', nobody: 'Niemand.', table: 'Tisch',
    previous: 'Zurück', next: 'Weiter', now: 'Jetzt', live: 'live', offline: 'verbinde neu…',
    search: 'Suche nach Name, Organisation, ID oder Badge-Code', organization: 'Organisation', role: 'Rolle',
    email: 'E-Mail', language: 'Sprache', badge: 'Badge', serial: 'Serie', revoked: 'gesperrt', valid: 'gültig',
    at_venue: 'Vor Ort', yes: 'ja', no: 'nein', left: 'Hat die Veranstaltung verlassen', agenda: 'Agenda', partner: 'Partner',
    present: 'Anwesend', scans: 'Scans', time: 'Zeit', kiosk: 'Terminal', kind: 'Art', outcome: 'Ergebnis',
    reason: 'Grund', revoke: 'Badge sperren', reissue: 'Neuer Badge (PDF)', mark_left: 'Als gegangen markieren',
    confirm_revoke: 'Alle Badges dieser Person sperren? Die Terminals lehnen sie nach der nächsten Synchronisation ab.',
    confirm_reissue: 'Einen neuen Badge drucken? Ältere Badges gelten nicht mehr.',
    confirm_left: 'Diese Person als gegangen markieren? Sie wird nicht mehr neu zugeordnet.',
    done: 'Erledigt.', last_contact: 'Letzter Kontakt', rows_received: 'Empfangene Zeilen', clock_offset: 'Uhrabweichung', clock_unknown: 'nicht gemeldet', status: 'Status',
    active: 'aktiv', never: 'nie', add_device: 'Terminal hinzufügen', device_name: 'Name des Terminals', add: 'Hinzufügen',
    token_once: 'Sein Token, nur jetzt angezeigt: in die Token-Datei des Terminals kopieren.', shared_name: 'geteilter Name',
    revoke_device: 'Sperren', ago: 'vor', confirm_device_revoke: 'Dieses Terminal sperren? Sein Token gilt sofort nicht mehr.',
    download_all: 'Alle Dateien (zip)', audit: 'Protokoll', who: 'Wer', what: 'Was', address: 'Adresse',
    arrivals: 'Ankünfte über die Zeit', per_round: 'Anwesend pro Runde', expected: 'Erwartet', at_venue_of: '{n} von {total} Personen vor Ort', missing: 'Noch nicht da für Runde',
    doubles: 'Zweimal eingelassen (zwei Terminals)', people_count: 'Personen', arrived: 'angekommen',
  },
};

function smLanguage() {
  const chosen = localStorage.getItem('sm_lang');
  if (chosen && SM_WORDS[chosen]) return chosen;
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const base = String(tag).slice(0, 2).toLowerCase();
    if (SM_WORDS[base]) return base;
  }
  return 'en';
}

function t(key) {
  const words = SM_WORDS[smLanguage()];
  return (words && words[key]) || SM_WORDS.en[key] || key;
}

// Fills every element marked data-i18n (its text) or data-i18n-placeholder.
function smTranslate(root) {
  document.documentElement.lang = smLanguage();
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
}
