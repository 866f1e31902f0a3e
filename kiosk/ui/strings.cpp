// The strings table. Keep each row's three languages side by side; French
// uses ’ and a no-break space before ':', German nouns keep their capitals.
#include "ui/strings.hpp"

#include <array>

namespace speedmeet::ui {
namespace {

struct Row {
  Text key;
  std::string_view fr, en, de;
};

constexpr std::array kRows{
    // --- idle ---
    Row{Text::scan_badge, "Scannez votre badge", "Scan your badge", "Scannen Sie Ihren Badge"},
    Row{Text::idle_round_ends_in, "Tour {round} sur {rounds}\u00A0— fin dans {countdown}",
        "Round {round} of {rounds}\u00A0— ends in {countdown}", "Runde {round} von {rounds}\u00A0— endet in {countdown}"},
    Row{Text::idle_break_starts_in, "Pause\u00A0— le tour {round} commence dans {countdown}",
        "Break\u00A0— round {round} starts in {countdown}", "Pause\u00A0— Runde {round} beginnt in {countdown}"},
    Row{Text::idle_starts_in, "Début dans {countdown}", "Starts in {countdown}", "Beginn in {countdown}"},
    Row{Text::idle_over, "Les rendez-vous sont terminés", "The meetings are over", "Alle Gespräche sind beendet"},
    Row{Text::sync_online, "En ligne", "Online", "Online"},
    Row{Text::sync_offline, "Hors ligne\u00A0— {count} en attente", "Offline\u00A0— {count} pending", "Offline\u00A0— {count} ausstehend"},

    // --- result ---
    Row{Text::table, "Table", "Table", "Tisch"},
    Row{Text::table_n, "Table\u00A0{table}", "Table\u00A0{table}", "Tisch\u00A0{table}"},
    Row{Text::welcome, "Bienvenue, {name}\u00A0!", "Welcome, {name}!", "Willkommen, {name}!"},
    Row{Text::your_next_meeting, "Votre prochain rendez-vous", "Your next meeting", "Ihr nächstes Gespräch"},
    Row{Text::partner_waiting, "{name} vous attend à la table\u00A0{table}", "{name} is waiting at table\u00A0{table}",
        "{name} wartet an Tisch\u00A0{table}"},
    Row{Text::late, "Le tour a déjà commencé\u00A0— allez vite à la table\u00A0{table}",
        "Round already running\u00A0— go now to table\u00A0{table}", "Die Runde läuft bereits\u00A0— gehen Sie jetzt zu Tisch\u00A0{table}"},
    Row{Text::done, "Plus de rendez-vous aujourd’hui\u00A0— merci\u00A0!", "No more meetings today\u00A0— thank you!",
        "Heute keine Gespräche mehr\u00A0— vielen Dank!"},
    Row{Text::with, "avec", "with", "mit"},
    Row{Text::starts_at_in, "{time} · dans {countdown}", "{time} · in {countdown}", "{time} · in {countdown}"},
    Row{Text::running_since, "Commencé à {time} · fin dans {countdown}", "Started {time} · ends in {countdown}",
        "Begonnen {time} · endet in {countdown}"},
    Row{Text::then, "Ensuite", "Then", "Danach"},
    Row{Text::staff_opening, "Espace équipe", "Staff panel", "Mitarbeiterbereich"},
    Row{Text::ignored, "Badge déjà scanné", "Badge already scanned", "Badge bereits gescannt"},
    Row{Text::already_checked_in, "Vous êtes enregistré·e pour la table\u00A0{table}",
        "You are checked in for table\u00A0{table}", "Sie sind für Tisch\u00A0{table} eingecheckt"},
    Row{Text::no_meetings_title, "Aucun rendez-vous prévu", "No meetings scheduled", "Keine Gespräche geplant"},
    Row{Text::no_meetings, "Merci de vous adresser à l’accueil", "Please see the help desk",
        "Bitte wenden Sie sich an den Empfang"},
    Row{Text::new_partner, "Nouveau partenaire\u00A0: le vôtre n’a pas pu venir", "New partner: yours could not come",
        "Neuer Gesprächspartner: Ihrer konnte nicht kommen"},
    Row{Text::rejected_unreadable_title, "Badge illisible", "Badge not read", "Badge nicht lesbar"},
    Row{Text::rejected_unreadable, "Tenez le badge immobile, à\u00A020\u00A0cm de la caméra",
        "Hold the badge still, 20\u00A0cm from the camera", "Halten Sie den Badge ruhig, 20\u00A0cm vor der Kamera"},
    Row{Text::rejected_invalid_title, "Badge non valide", "Badge not valid", "Badge ungültig"},
    Row{Text::rejected_invalid, "Ce badge n’est pas valide\u00A0— merci de vous adresser à l’accueil",
        "This badge is not valid\u00A0— please see the help desk",
        "Dieser Badge ist ungültig\u00A0— bitte wenden Sie sich an den Empfang"},
    Row{Text::rejected_other_event_title, "Autre événement", "Another event", "Andere Veranstaltung"},
    Row{Text::rejected_other_event, "Ce badge est celui d’un autre événement", "This badge is for another event",
        "Dieser Badge gilt für eine andere Veranstaltung"},
    Row{Text::rejected_revoked_title, "Badge remplacé", "Badge replaced", "Badge ersetzt"},
    Row{Text::rejected_revoked, "Ce badge a été remplacé\u00A0— utilisez votre nouveau badge ou adressez-vous à l’accueil",
        "This badge was replaced\u00A0— use your new badge or see the help desk",
        "Dieser Badge wurde ersetzt\u00A0— nutzen Sie Ihren neuen Badge oder wenden Sie sich an den Empfang"},
    Row{Text::rejected_unknown_title, "Inconnu", "Not found", "Nicht gefunden"},
    Row{Text::rejected_unknown, "Nous ne vous trouvons pas\u00A0— merci de vous adresser à l’accueil",
        "We cannot find you\u00A0— please see the help desk",
        "Wir können Sie nicht finden\u00A0— bitte wenden Sie sich an den Empfang"},
    Row{Text::manual_checkin, "Enregistrement manuel par {name}", "Manual check-in by {name}",
        "Manueller Check-in durch {name}"},

    // --- staff panel ---
    Row{Text::staff_title, "Espace équipe", "Staff panel", "Mitarbeiterbereich"},
    Row{Text::staff_sync, "Synchronisation", "Sync", "Synchronisierung"},
    Row{Text::staff_device, "Borne", "Device", "Gerät"},
    Row{Text::staff_server, "Serveur", "Server", "Server"},
    Row{Text::staff_last_sync, "Dernière synchro", "Last sync", "Letzte Synchronisierung"},
    Row{Text::staff_pending, "Envois en attente", "Pending uploads", "Ausstehende Uploads"},
    Row{Text::staff_last_error, "Dernière erreur", "Last error", "Letzter Fehler"},
    Row{Text::staff_counts, "Enregistrements", "Check-ins", "Check-ins"},
    Row{Text::staff_entrance, "Entrées", "Entrance check-ins", "Eingangs-Check-ins"},
    Row{Text::staff_meeting, "Présences aux rendez-vous", "Meeting check-ins", "Gesprächs-Check-ins"},
    Row{Text::staff_rejected, "Scans refusés", "Rejected scans", "Abgelehnte Scans"},
    Row{Text::staff_journal, "Lignes du journal", "Journal rows", "Journalzeilen"},
    Row{Text::action_sync_now, "Synchroniser", "Sync now", "Jetzt synchronisieren"},
    Row{Text::action_host_board, "Tableau des tables", "Host board", "Tischübersicht"},
    Row{Text::action_check_in, "Enregistrer une personne", "Check someone in", "Person einchecken"},
    Row{Text::action_exit, "Quitter", "Exit", "Beenden"},
    Row{Text::staff_exit_confirm, "Scannez un badge équipe pour confirmer la sortie",
        "Scan a staff badge to confirm exit", "Zum Beenden einen Mitarbeiter-Badge scannen"},
    Row{Text::never, "jamais", "never", "nie"},
    Row{Text::none, "aucune", "none", "keiner"},
    Row{Text::sync_disabled, "Désactivée (pas de serveur)", "Disabled (no server)", "Deaktiviert (kein Server)"},
    Row{Text::minutes_ago, "il y a {minutes}\u00A0min", "{minutes}\u00A0min ago", "vor {minutes}\u00A0Min."},

    Row{Text::staff_sync_requested, "Synchronisation demandée", "Sync requested", "Synchronisierung angefordert"},
    Row{Text::staff_offline_only, "Aucun serveur configuré\u00A0: cette borne fonctionne hors ligne",
        "No server configured: this kiosk works offline", "Kein Server konfiguriert: dieses Terminal arbeitet offline"},

    Row{Text::staff_clock, "Horloge", "Clock", "Uhr"},
    Row{Text::clock_unconfirmed, "{time} · non confirmée", "{time} · not confirmed", "{time} · nicht bestätigt"},
    Row{Text::clock_synced, "{time} · serveur, écart {offset}", "{time} · server, offset {offset}",
        "{time} · Server, Abweichung {offset}"},
    Row{Text::clock_by_staff, "{time} · confirmée par {name}", "{time} · confirmed by {name}", "{time} · bestätigt von {name}"},
    Row{Text::clock_pinned, "{time} · simulée", "{time} · simulated", "{time} · simuliert"},
    Row{Text::action_confirm_time, "Confirmer l’heure", "Confirm the time", "Uhrzeit bestätigen"},
    Row{Text::staff_time_confirmed, "Heure confirmée\u00A0: la borne décide à nouveau", "Time confirmed: the kiosk decides again",
        "Uhrzeit bestätigt: das Terminal entscheidet wieder"},

    // --- staff panel: check someone in ---
    Row{Text::search_prompt, "Tapez un nom, une organisation ou l’identifiant du badge (P07)",
        "Type a name, an organization or a badge id (P07)", "Name, Organisation oder Badge-ID (P07) eingeben"},
    Row{Text::search_none, "Personne ne correspond à «\u00A0{query}\u00A0»", "Nobody matches “{query}”",
        "Niemand passt zu „{query}“"},
    Row{Text::search_more, "et {count} de plus\u00A0— précisez la recherche", "and {count} more\u00A0— type more to narrow it down",
        "und {count} weitere\u00A0— genauer suchen"},
    Row{Text::search_keys, "↑\u00A0↓ choisir · Entrée\u00A0: enregistrer · Échap\u00A0: retour",
        "↑\u00A0↓ choose · Enter: check in · Esc: back", "↑\u00A0↓ wählen · Enter: einchecken · Esc: zurück"},
    Row{Text::search_in_round, "Enregistré·e pour le tour\u00A0{round}", "Checked in for round\u00A0{round}",
        "Für Runde\u00A0{round} eingecheckt"},
    Row{Text::search_not_in_round, "Pas encore enregistré·e pour le tour\u00A0{round}",
        "Not checked in for round\u00A0{round}", "Für Runde\u00A0{round} nicht eingecheckt"},
    Row{Text::search_no_meeting, "Aucun rendez-vous à venir", "No meeting ahead", "Kein Gespräch mehr"},

    // --- host board ---
    Row{Text::board, "Tables", "Tables", "Tische"},
    Row{Text::board_title, "Tables\u00A0— tour {round}", "Tables\u00A0— round {round}", "Tische\u00A0— Runde {round}"},
    Row{Text::board_running, "En cours\u00A0— fin à {time} (dans {countdown})", "Running\u00A0— ends at {time} (in {countdown})",
        "Läuft\u00A0— endet um {time} (in {countdown})"},
    Row{Text::board_upcoming, "Début à {time} (dans {countdown})", "Starts at {time} (in {countdown})",
        "Beginnt um {time} (in {countdown})"},
    Row{Text::board_no_round, "Aucun tour à afficher", "No round to show", "Keine Runde anzuzeigen"},
    Row{Text::state_complete, "Complète", "Complete", "Komplett"},
    Row{Text::state_waiting, "En attente", "Waiting", "Wartet"},
    Row{Text::state_empty, "Vide", "Empty", "Leer"},
    Row{Text::state_no_show, "Absence", "No-show", "No-Show"},
    Row{Text::state_idle, "Libre", "Free", "Frei"},
    Row{Text::person_not_arrived, "Pas encore arrivé", "Not arrived yet", "Noch nicht da"},
    Row{Text::person_at_venue, "Sur place", "At the venue", "Vor Ort"},
    Row{Text::person_checked_in, "À table", "At the table", "Am Tisch"},
    Row{Text::board_standby, "Disponibles pour un nouveau rendez-vous", "Standing by for a re-match",
        "Bereit für ein neues Gespräch"},
    Row{Text::board_standby_none, "Personne", "Nobody", "Niemand"},
    Row{Text::board_at_venue, "Sur place\u00A0: {count}", "At the venue: {count}", "Vor Ort: {count}"},
    Row{Text::board_legend, "Légende", "Legend", "Legende"},

    // --- out of order ---
    Row{Text::out_of_order, "Hors service", "Out of order", "Außer Betrieb"},
    Row{Text::out_of_order_action, "Merci d’utiliser une autre borne", "Please use another kiosk",
        "Bitte nutzen Sie ein anderes Terminal"},
    Row{Text::out_of_order_staff, "Pour l’équipe\u00A0: enregistrement impossible\u00A0— {problem}",
        "For staff: cannot record check-ins\u00A0— {problem}", "Für Mitarbeiter: Speichern nicht möglich\u00A0— {problem}"},
    Row{Text::out_of_order_code, "Borne {device}\u00A0· code {code}", "Kiosk {device}\u00A0· code {code}",
        "Terminal {device}\u00A0· Code {code}"},

    // --- clock not set ---
    Row{Text::clock_not_set, "Horloge non réglée", "Clock not set", "Uhr nicht gestellt"},
    Row{Text::clock_not_set_action, "Cette borne ne peut encore enregistrer personne", "This kiosk cannot check anyone in yet",
        "Dieses Terminal kann noch niemanden einchecken"},
    Row{Text::clock_not_set_staff,
        "Pour l’équipe\u00A0: l’horloge indique {time}\u00A0— connectez la borne au réseau, ou confirmez l’heure dans le panneau (badge équipe)",
        "For staff: the clock reads {time}\u00A0— connect the kiosk to the network, or confirm the time on the staff panel (staff badge)",
        "Für Mitarbeiter: die Uhr zeigt {time}\u00A0— Terminal mit dem Netz verbinden oder die Uhrzeit im Mitarbeitermenü bestätigen (Mitarbeiterausweis)"},

    // --- setup code ---
    Row{Text::setup_code_title, "Scannez le code d’installation", "Scan the setup code", "Einrichtungscode scannen"},
    Row{Text::setup_code_action, "Montrez le code QR de l’organisateur à la caméra ou au lecteur",
        "Show the organizer’s QR code to the camera or scanner",
        "Zeigen Sie den QR-Code des Veranstalters der Kamera oder dem Scanner"},
    Row{Text::setup_code_enrolling, "Inscription auprès du serveur…", "Enrolling with the server…",
        "Anmeldung beim Server…"},
    Row{Text::setup_code_refused, "Code refusé\u00A0: {problem}", "Code refused: {problem}",
        "Code abgelehnt: {problem}"},
};

static_assert(kRows.size() == static_cast<std::size_t>(Text::count_), "one row per Text");

constexpr bool rows_in_order() {
  for (std::size_t i = 0; i < kRows.size(); ++i)
    if (static_cast<std::size_t>(kRows[i].key) != i) return false;
  return true;
}
static_assert(rows_in_order(), "kRows must follow the order of enum Text");

}  // namespace

std::string_view text(Text key, Language language) {
  const Row& row = kRows.at(static_cast<std::size_t>(key));
  switch (language) {
    case Language::fr: return row.fr;
    case Language::en: return row.en;
    case Language::de: return row.de;
  }
  return row.en;
}

std::string fill(std::string_view pattern, std::initializer_list<Field> fields) {
  std::string out;
  out.reserve(pattern.size() + 32);
  std::size_t i = 0;
  while (i < pattern.size()) {
    const std::size_t open = pattern.find('{', i);
    const std::size_t close = open == std::string_view::npos ? open : pattern.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(pattern.substr(i, open - i));
    const std::string_view name = pattern.substr(open + 1, close - open - 1);
    const Field* field = nullptr;
    for (const Field& f : fields)
      if (f.name == name) field = &f;
    if (field) out.append(field->value);
    else out.append(pattern.substr(open, close - open + 1));
    i = close + 1;
  }
  out.append(pattern.substr(std::min(i, pattern.size())));
  return out;
}

std::string say(Text key, Language language, std::initializer_list<Field> fields) {
  return fill(text(key, language), fields);
}

}  // namespace speedmeet::ui
