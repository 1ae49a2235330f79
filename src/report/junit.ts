// JUnit XML for `osh-sim check --junit`: one testsuite per scenario, one testcase per judged
// expectation, failures carrying the observed figure, as GitHub Actions, GitLab and Jenkins
// display them. Every text is escaped for XML. Times in seconds: a suite's is its scenario's
// own wall time; its testcases (judged together from one run) share it equally, so tools that
// add testcase times up get the suite's.
import { writeFileSync } from 'node:fs';

export interface JunitCase {
  readonly name: string;
  readonly classname: string;
  readonly failure: string | null;
  readonly output: string;
}

export interface JunitSuite {
  readonly name: string;
  readonly file: string;
  /** The scenario's own wall time, s. */
  readonly timeSec: number;
  readonly cases: readonly JunitCase[];
}

export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot hold at all are dropped, not escaped.
  return text
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd]/gu, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function junitXml(suites: readonly JunitSuite[]): string {
  const total = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.failure !== null).length, 0);
  const timeSec = suites.reduce((sum, s) => sum + s.timeSec, 0);
  const lines = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="osh-sim check" tests="${total}" failures="${failures}" time="${timeSec.toFixed(3)}">`];
  for (const suite of suites) {
    const failed = suite.cases.filter((c) => c.failure !== null).length;
    lines.push(
      `  <testsuite name="${escapeXml(suite.name)}" file="${escapeXml(suite.file)}" tests="${suite.cases.length}" failures="${failed}" errors="0" skipped="0" time="${suite.timeSec.toFixed(3)}">`,
    );
    const caseTimeSec = suite.cases.length === 0 ? 0 : suite.timeSec / suite.cases.length;
    for (const c of suite.cases) {
      const head = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}" file="${escapeXml(suite.file)}" time="${caseTimeSec.toFixed(3)}"`;
      if (c.failure === null) {
        lines.push(`${head}>`, `      <system-out>${escapeXml(c.output)}</system-out>`, `    </testcase>`);
      } else {
        lines.push(`${head}>`, `      <failure message="${escapeXml(c.failure)}" type="expectation">${escapeXml(c.output)}</failure>`, `    </testcase>`);
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

export function writeJunit(path: string, suites: readonly JunitSuite[]): void {
  writeFileSync(path, junitXml(suites));
}
