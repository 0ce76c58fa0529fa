import type { OutgoingMessage } from './port.ts';

// One message, several forms: plain text (email, the generic webhook), markdown (group
// robots) and HTML (email). Chinese first; the English follows under a rule.

export function plainText(message: OutgoingMessage): string {
  const { subject, lines, link } = message;
  return [
    subject.zh,
    '',
    ...lines.zh,
    ...(link ? ['', `详情：${link}`] : []),
    '',
    '——',
    subject.en,
    '',
    ...lines.en,
    ...(link ? ['', `Details: ${link}`] : []),
  ].join('\n');
}

/** Markdown the robots render (headings, quotes, links); the English part is quoted. */
export function markdown(message: OutgoingMessage): string {
  const { subject, lines, link } = message;
  return [
    `### ${escapeMarkdown(subject.zh)}`,
    ...lines.zh.map((line) => `- ${escapeMarkdown(line)}`),
    ...(link ? [`[查看详情](${link})`] : []),
    '',
    `> ${escapeMarkdown(subject.en)}`,
    ...lines.en.map((line) => `> ${escapeMarkdown(line)}`),
  ].join('\n');
}

export function html(message: OutgoingMessage): string {
  const { subject, lines, link } = message;
  const list = (items: string[]) => `<ul>${items.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;
  return [
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body>',
    `<h2>${escapeHtml(subject.zh)}</h2>`,
    list(lines.zh),
    link ? `<p><a href="${escapeHtml(link)}">查看详情</a></p>` : '',
    '<hr>',
    `<h3 lang="en">${escapeHtml(subject.en)}</h3>`,
    `<div lang="en">${list(lines.en)}</div>`,
    '</body></html>',
  ].join('');
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Markdown control characters that would change the layout (a firm name with `*` or `[`). */
const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]<>#])/g, '\\$1');
