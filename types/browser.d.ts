// What the classic scripts and the theme put on `window` for the others (hand-written: these are
// between scripts, not from the build; the build's data is in contracts.d.ts, generated).

import type { IndexData } from "./contracts";

declare global {
  /** livedates.js (a classic script with data- attributes on its own tag; see its header). */
  interface LiveDatesApi {
    refresh(root?: ParentNode): void;
    now(): number;
    today(): string;
    dayOf(iso: string): string;
    addDays(day: string, n: number): string;
    ended(el: Element): boolean;
    relative(iso: string): string;
    stale(): boolean;
    words: { today: string; tomorrow: string };
    zone: string;
  }

  /** list-page.js: the list page that filters in a query string are (a classic script; see its header). */
  interface ListPageMatch {
    path: string;
    kind: "wijk" | "stadsdeel" | "leeftijd" | "soort" | "wijk-leeftijd" | "stadsdeel-leeftijd" | "wijk-soort" | "stadsdeel-soort";
    values: Record<string, string>;
  }
  interface ListPageApi {
    find(params: URLSearchParams, known: import("./contracts").ListPageKeys): ListPageMatch | null;
    address(path: string, up: string, here: Location | URL): string;
    filters: string[];
  }

  /** The props Decap gives a widget's control. */
  type DecapProps = import("decap-cms-core").CmsWidgetControlProps<unknown>;
  /** `this` in a create-react-class widget (Decap's examples write widgets so). */
  interface DecapWidget<S> {
    props: DecapProps;
    state: S;
    setState(state: Partial<S>): void;
    /** The inner control, when it has one (set by its ref). */
    inner?: { validate?(): void } | null;
  }

  interface Window {
    LiveDates?: LiveDatesApi;
    ListPage?: ListPageApi;
    /** The index script (assets/gids/activiteiten.js) pushes its data here; directory-index.js replaces the array. */
    ActivityIndex?: IndexData[] | { push(data: IndexData): void };
    /** search-normalise.js, for the tests: the normaliser the search index was made with. */
    siteSearchNormalise?: (text: string) => string;
    /** Material for MkDocs' page observable (instant navigation). */
    document$?: { subscribe(next: () => void): unknown };
    CMS_MANUAL_INIT?: boolean;
    /** The web editor (/admin/vendor/decap-cms.js): Decap CMS with React's createElement and createClass. */
    CMS?: import("decap-cms-core").CMS;
    h?: typeof import("react").createElement;
    createClass?<S, M>(spec: M & { getInitialState(): S; render(): import("react").ReactNode }
                        & ThisType<M & DecapWidget<S>>): import("react").ComponentClass<DecapProps>;
  }
}
