"""Start a meeting from what the secretariat already has.

- `skeleton`: the files of `moderator new` (an agenda skeleton, the OSCE roster or none).
- `indico`: a timetable saved from Indico's export API, read into a `Timetable`;
  `programme` turns it into an agenda, its people into roster speakers.
- `sheets` + `participants`: a registration list (CSV or XLSX) merged into the roster.
- `people`: names to roster speakers, delegations matched by name, id, alias or country.
- `yamltext` writes what was built as commented YAML that `moderator validate` accepts;
  `outputs` checks it against the loaders and puts the files in place, never over a file
  without `force`.

Every reader collects its problems (`ImportProblem`, `file:line: message`) and raises
`ImportFailed` with all of them at once.
"""
