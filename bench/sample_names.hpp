#pragma once
// Names for generated benchmark events: accented, of varied lengths, in the
// languages of a Luxembourg event, so text rendering and collation work as
// on a real roster.
namespace speedmeet::bench {

inline constexpr const char* kFirstNames[] = {"Marc",   "Ana",  "Jean",  "Sofia", "Lukas",  "Élodie", "Jürgen",
                                              "Camille", "Noah", "Léa",   "Tomás", "Inès",   "Pieter", "Zoë",
                                              "Mateo",  "Hélène", "Yusuf", "Greta", "Olivier", "Nadia"};
inline constexpr const char* kLastNames[] = {"Weber",   "Schmidt", "Dupont",   "Rossi",  "Becker", "Marchand",
                                             "Müller",  "Lefèvre", "Hoffmann", "Moreau", "García", "Benali",
                                             "de Vries", "Klein",  "Silva",    "Faber",  "Kowalski", "Nguyen"};
inline constexpr const char* kOrganizations[] = {
    "Lux Robotics",   "Nordlicht Analytics", "Acme Fintech",    "GreenGrid Energy", "Banque du Nord",
    "MediScan",       "Café Numérique",      "Straßenbahn AG",  "Quantum Loop",     "AgriSense",
    "Datalys",        "Moselle Biotech",     "Kirchberg Capital", "Pixelwerk GmbH"};

}  // namespace speedmeet::bench
