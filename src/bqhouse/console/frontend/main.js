// The console's third-party code, bundled at build time (see build.sh); the app is console.js.
import { EditorView, basicSetup } from "codemirror";
import { keymap, placeholder } from "@codemirror/view";
import { Compartment, Prec } from "@codemirror/state";
import { sql, StandardSQL } from "@codemirror/lang-sql";
import { Chart, registerables } from "chart.js";

Chart.register(...registerables);
window.BQVendor = { EditorView, basicSetup, keymap, placeholder, Compartment, Prec, sql, StandardSQL, Chart };
