/**
 * The export's report for people: one self-contained HTML page (no script, no external file) with
 * the patient's studies, RECIST 1.1 reading with its rules, and every track's long axis over
 * time, made from the exported JSON document so it holds exactly what the tables hold, and no
 * identifier when they hold none.
 */
import { personName } from '../model/person-name'
import type { RecistAssessment, RecistCategory } from '../response/types'

/** What the report reads of the exported JSON document of one patient. */
export interface ReportDocument {
  deidentified: boolean
  matcher: string
  embedder: string | null
  patient: { patientId: string; name?: string; birthDate?: string; sex?: string }
  studies: {
    studyIndex: number
    studyInstanceUid: string
    studyDate: string | null
    studyDay: number | null
    description?: string
    /** How the matcher placed the study in the patient frame; null when nothing did. */
    placement: {
      source: string
      supportingLesions: number | null
      translationMm: [number, number, number]
      confidence: number
    } | null
  }[]
  tracks: {
    label: string
    lesionType: string
    timepoints: { studyInstanceUid: string; longAxisMm: number; shortAxisMm: number | null }[]
  }[]
  response: RecistAssessment | null
}

const CATEGORY_WORDS: Record<RecistCategory, string> = {
  baseline: '',
  CR: 'complete response',
  PR: 'partial response',
  SD: 'stable disease',
  PD: 'progressive disease',
  NE: 'not evaluable',
}

/** Text made safe for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )
}

/** Tagged template: interpolated values are escaped, nested `html` results are kept as they are. */
class Html {
  constructor(readonly text: string) {}
}
function html(parts: TemplateStringsArray, ...values: (string | number | Html | Html[])[]): Html {
  const shown = (v: (typeof values)[number]): string =>
    v instanceof Html
      ? v.text
      : Array.isArray(v)
        ? v.map((x) => x.text).join('')
        : escapeHtml(String(v))
  return new Html(parts.reduce((out, part, n) => out + shown(values[n - 1]) + part))
}

function mm(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(1)} mm`
}

/** "18.0 × 12.5", or "18.0 (long axis only)" when no short axis was measured. */
function axesText(longAxisMm: number, shortAxisMm: number | null): string {
  return shortAxisMm === null
    ? `${longAxisMm.toFixed(1)} (long axis only)`
    : `${longAxisMm.toFixed(1)} × ${shortAxisMm.toFixed(1)}`
}

function percent(change: number | null): string {
  if (change === null) return ''
  const rounded = Math.round(change * 100)
  return `${rounded > 0 ? '+' : ''}${rounded} %`
}

/** A study as the reader knows it: its date, or its day from baseline when de-identified. */
function studyName(study: ReportDocument['studies'][number]): string {
  if (study.studyDate) return study.studyDate
  return study.studyDay === null ? `study ${study.studyIndex}` : `day ${study.studyDay}`
}

function responseSection(response: RecistAssessment | null): Html {
  if (!response) return html`<p>No RECIST reading: nothing was tracked.</p>`
  const rows = response.timepoints.map(
    (t) =>
      html`<tr>
        <td>${t.label}${t.studyIds.length > 1 ? ` (${t.studyIds.length} studies)` : ''}</td>
        <td class="n">${mm(t.sumMm)}</td>
        <td class="n">${percent(t.changeFromBaseline)}</td>
        <td><b>${t.category}</b> ${CATEGORY_WORDS[t.category]}</td>
        <td class="rule">${t.rule}</td>
      </tr>`,
  )
  const targets = response.targets.map(
    (t) =>
      html`<li>
        ${t.label}: ${t.axis} axis ${mm(t.baselineMm)} at
        baseline${t.chosenBy === 'reader' ? ' (chosen by the reader)' : ''}
      </li>`,
  )
  const others = response.nonTargets.map((t) => html`<li>${t.label}: ${t.reason}</li>`)
  const notes = response.notes.map((n) => html`<li>${n}</li>`)
  return html` <p class="best">
      Best overall response:
      <b>${response.best.category}</b> ${CATEGORY_WORDS[response.best.category]} —
      ${response.best.rule}
    </p>
    <table>
      <thead>
        <tr>
          <th>Study</th>
          <th>Sum of diameters</th>
          <th>vs baseline</th>
          <th>Category</th>
          <th>Rule</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    <h3>Target lesions</h3>
    <ul>
      ${targets}
    </ul>
    ${
      others.length > 0
        ? html`<h3>Other lesions</h3>
            <ul>
              ${others}
            </ul>`
        : html``
    }
    ${
      notes.length > 0
        ? html`<h3>Notes</h3>
            <ul>
              ${notes}
            </ul>`
        : html``
    }`
}

function tracksSection(doc: ReportDocument): Html {
  const head = doc.studies.map((s) => html`<th>${studyName(s)}</th>`)
  const rows = doc.tracks.map((track) => {
    const cells = doc.studies.map((s) => {
      const point = track.timepoints.find((p) => p.studyInstanceUid === s.studyInstanceUid)
      return html`<td class="n">${point ? axesText(point.longAxisMm, point.shortAxisMm) : '—'}</td>`
    })
    return html`<tr>
      <td>${track.label}</td>
      <td>${track.lesionType}</td>
      ${cells}
    </tr>`
  })
  return html`<table>
    <thead>
      <tr>
        <th>Lesion</th>
        <th>Type</th>
        ${head}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#111}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}td.rule{font-size:12px;color:#444}
.meta{color:#555}.best{font-size:16px}@media print{body{margin:0}}`

/** How a study was put into the patient frame, in words (the app's study views say the same). */
function placementText(placement: ReportDocument['studies'][number]['placement']): string {
  if (!placement || placement.source === 'prior') {
    return 'not aligned (its scanner positions are used as they are)'
  }
  const shift = `shifted ${placement.translationMm.map((v) => v.toFixed(1)).join(', ')} mm`
  if (placement.source !== 'bookmarks') return `aligned by ${placement.source}, ${shift}`
  const n = placement.supportingLesions
  const lesions = n === null ? 'its lesions' : `${n} lesion${n === 1 ? '' : 's'}`
  return `aligned by ${lesions}, ${shift} (confidence ${placement.confidence.toFixed(2)})`
}

/** The report of one patient's export document; see the module comment. */
export function reportHtml(doc: ReportDocument): string {
  const { patient } = doc
  const who = doc.deidentified
    ? html`Pseudonymous patient ${patient.patientId} (de-identified: days from the first study
      instead of dates)`
    : html`${personName(patient.name ?? '')} · ID
      ${patient.patientId}${patient.birthDate ? ` · born ${patient.birthDate}` : ''}${patient.sex ? ` · ${patient.sex}` : ''}`
  const studies = doc.studies.map(
    (s) =>
      html`<li>
        Study ${s.studyIndex}: ${studyName(s)}${s.description ? ` — ${s.description}` : ''};
        ${placementText(s.placement)}
      </li>`,
  )
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>LesionTrack report</title>
        <style>
          ${new Html(STYLE)}
        </style>
      </head>
      <body>
        <h1>Lesion tracks and RECIST 1.1 reading</h1>
        <p>${who}</p>
        <h2>Studies</h2>
        <ul>
          ${studies}
        </ul>
        <h2>Response (RECIST 1.1)</h2>
        ${responseSection(doc.response)}
        <h2>Lesions over time (long × short axis, mm)</h2>
        ${tracksSection(doc)}
        <p class="meta">
          Tracks by ${doc.matcher}${doc.embedder ? `, embeddings by ${doc.embedder}` : ''}; every
          category with the rule that produced it, for review by the reading physician.
        </p>
      </body>
    </html> `
  return page.text
}
