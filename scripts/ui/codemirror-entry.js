// What the 采集平台 editor takes from CodeMirror 6 and jsdiff: bundled by scripts/ui/build-editor.ts
// into src/web/ui/public/vendor/codemirror.js (one file, no CDN, no inline script).
export { EditorState } from '@codemirror/state';
export { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from '@codemirror/view';
export { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
export { indentOnInput, bracketMatching, foldGutter, foldKeymap, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
export { linter, lintGutter, lintKeymap, forceLinting } from '@codemirror/lint';
export { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
export { search, searchKeymap, highlightSelectionMatches } from '@codemirror/search';
export { yaml } from '@codemirror/lang-yaml';
export { diffLines } from 'diff';
