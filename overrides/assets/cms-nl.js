// The web editor's Dutch (/admin/): what Decap CMS's own 'nl' locale lacks or leaves in English.
// cms.js lays this over Decap's 'nl' before the editor starts; tests/test_cms_locale.py checks that
// every key of Decap's English locale then has Dutch, with the same %{placeholders}.

/** @type {Record<string, unknown>} */
export const AANVULLING = {
  // Decap's own Dutch says "u"; this site speaks to everyone with "je" (tests/test_cms_locale.py).
  auth: {
    loginWithForgejo: "Inloggen met Forgejo",
    errors: {
      email: "Vul je e-mailadres in.",
      password: "Vul je wachtwoord in.",
      identitySettings: "De instellingen van Netlify Identity zijn niet gevonden. Gebruik je git-gateway? Zet dan Identity en Git Gateway aan in de instellingen van Netlify.",
    },
  },
  app: { header: { workflow: "Werkstroom", media: "Afbeeldingen" } },
  collection: {
    collectionTop: { viewAsList: "Als lijst tonen", viewAsGrid: "Als raster tonen" },
    entries: { unpublishedHeader: "Nog niet gepubliceerd" },
  },
  editor: {
    editor: {
      onUpdatingWithUnsavedChanges: "Je hebt nog wijzigingen die niet zijn bewaard. Bewaar ze voordat je de status verandert.",
      onPublishingNotReady: "Zet de status op \"Klaar\" voordat je publiceert.",
      onPublishingWithUnsavedChanges: "Je hebt nog wijzigingen die niet zijn bewaard. Bewaar ze voordat je publiceert.",
      onPublishing: "Weet je zeker dat je dit wilt publiceren?",
      onUnpublishing: "Weet je zeker dat je dit niet meer wilt publiceren?",
      onDeleteWithUnsavedChanges: "Weet je zeker dat je dit gepubliceerde stuk wilt verwijderen, met de wijzigingen die je nog niet hebt bewaard?",
      onDeletePublishedEntry: "Weet je zeker dat je dit gepubliceerde stuk wilt verwijderen?",
      onDeleteUnpublishedChangesWithUnsavedChanges: "Alle wijzigingen die nog niet zijn gepubliceerd gaan weg, ook die je nog niet hebt bewaard. Wil je toch verwijderen?",
      onDeleteUnpublishedChanges: "Alle wijzigingen die nog niet zijn gepubliceerd gaan weg. Wil je toch verwijderen?",
      confirmLoadBackup: "Je browser heeft nog een versie die je niet hebt bewaard. Wil je die terugzetten?",
    },
    editorControl: { field: { widgetLabel: "Veld %{widgetLabel}" } },
    editorControlPane: {
      widget: {
        invalidPath: "'%{path}' is geen geldig pad.",
        pathExists: "Het pad '%{path}' bestaat al.",
      },
      i18n: {
        copyFromLocale: "Overnemen uit een andere taal",
        copyFromLocaleConfirm: "Wil je de tekst overnemen uit de taal %{locale}?\nWat er nu staat, wordt dan overschreven.",
      },
    },
    editorInterface: { toggleNotes: "Notities tonen of verbergen" },
    editorNotesPane: {
      title: "Notities",
      emptyState: "Er zijn nog geen notities. Schrijf hieronder de eerste.",
      addNote: "Notitie toevoegen",
      addPlaceholder: "Schrijf een notitie...",
      editPlaceholder: "Pas je notitie aan...",
      save: "Opslaan",
      cancel: "Annuleren",
      edit: "Aanpassen",
      delete: "Verwijderen",
      resolve: "Afhandelen",
      unresolve: "Weer openen",
      confirmDelete: "Weet je zeker dat je deze notitie wilt verwijderen?",
      shortcut: "Tip: met Ctrl+Enter voeg je de notitie snel toe.",
    },
    editorToolbar: {
      statusInfoTooltipDraft: "Dit is nog een concept. Wil je dat iemand het nakijkt? Zet de status dan op 'Ter beoordeling'.",
      statusInfoTooltipInReview: "Iemand kijkt dit na. Je hoeft niets te doen, maar je kunt het nog wel aanpassen.",
      status: "Status: %{status}",
    },
    editorWidgets: {
      markdown: {
        strikethrough: "Doorhalen",
        quote: "Citaat",
        headings: "Kopjes",
        toggleMode: { rich: "Naar opgemaakte tekst", markdown: "Naar Markdown-tekst" },
      },
      image: { chooseMultiple: "Kies afbeeldingen", addMore: "Meer afbeeldingen toevoegen", removeAll: "Alle afbeeldingen verwijderen" },
      file: { chooseMultiple: "Kies bestanden", addMore: "Meer bestanden toevoegen", removeAll: "Alle bestanden verwijderen" },
      headingOptions: {
        headingOne: "Kop 1", headingTwo: "Kop 2", headingThree: "Kop 3",
        headingFour: "Kop 4", headingFive: "Kop 5", headingSix: "Kop 6",
      },
      datetime: { setToNow: "Zet %{fieldLabel} op vandaag" },
      list: { addType: "%{item} toevoegen" },
      object: { expand: "Openklappen", collapse: "Inklappen" },
    },
  },
  mediaLibrary: {
    mediaLibraryModal: { close: "Sluiten" },
    mediaLibrary: { onDelete: "Weet je zeker dat je de gekozen afbeeldingen wilt verwijderen?" },
  },
  ui: {
    errorBoundary: {
      detailsHeading: "Meer gegevens",
      reportIt: "meld het op GitHub.",
      privacyWarning: "Meld je een probleem? Dan staat de foutmelding er al in, met gegevens om de fout te vinden.\nKijk of alles klopt, en haal gevoelige gegevens weg.",
      recoveredEntry: { warning: "Kopieer dit en plak het ergens voordat je weggaat!" },
    },
    settingsDropdown: { account: "Menu van je account" },
    toast: {
      // Decap's own has "Zie% {details}" (the placeholder broken) and the English word 'backend'
      onBackendDown: "De opslag van de redactie werkt nu niet. Kijk bij %{details} voor meer informatie.",
      onLoggedOut: "Je bent uitgelogd. Bewaar eerst je werk ergens, en log dan opnieuw in.",
      noteAdded: "Notitie toegevoegd.",
      onFailToAddNote: "De notitie is niet toegevoegd: %{details}",
      noteUpdated: "Notitie aangepast.",
      onFailToUpdateNote: "De notitie is niet aangepast: %{details}",
      noteDeleted: "Notitie verwijderd.",
      onFailToDeleteNote: "De notitie is niet verwijderd: %{details}",
      noteResolved: "Notitie afgehandeld.",
      noteReopened: "Notitie weer geopend.",
      onFailToToggleNote: "De notitie is niet veranderd: %{details}",
    },
  },
  workflow: {
    workflow: { dateFormat: "D MMMM" },
    workflowList: {
      onDeleteEntry: "Weet je zeker dat je dit wilt verwijderen?",
      onPublishEntry: "Weet je zeker dat je dit wilt publiceren?",
    },
  },
};

/** Decap's locale with the additions laid over it (a new object; neither argument changes).
 * @param {Record<string, unknown>} base @param {Record<string, unknown>} extra @returns {Record<string, unknown>} */
export function aangevuld(base, extra = AANVULLING) {
  /** @type {Record<string, unknown>} */
  const found = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const inner = found[key];
    found[key] = value && typeof value === "object" && inner && typeof inner === "object"
      ? aangevuld(/** @type {Record<string, unknown>} */ (inner), /** @type {Record<string, unknown>} */ (value))
      : value;
  }
  return found;
}

// Labels Decap builds in code, outside its locale (react-select's "Remove <option>" on a chosen
// option of a multiple choice): [English start, Dutch start].
export const VASTE_LABELS = [["Remove ", "Verwijder "]];

/** Rewrites those labels in one element and the elements inside it.
 * @param {ParentNode} root */
export function vertaalLabels(root) {
  for (const [english, dutch] of VASTE_LABELS) {
    for (const element of root.querySelectorAll(`[aria-label^="${english}"]`)) {
      const label = element.getAttribute("aria-label") || "";
      element.setAttribute("aria-label", dutch + label.slice(english.length).replace(/^option$/, "keuze"));
    }
  }
}
