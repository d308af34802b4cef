#!/usr/bin/env bash
# validate-sarif.sh FILE...
#
# Validates SARIF logs with Microsoft's SARIF Multitool, running its SARIF
# rules and its GitHub Advanced Security ingestion rules ("Sarif;Ghas").
# The tool is installed with npm into $SARIF_TOOL_DIR (default
# /tmp/sarif-multitool) when it is not there yet; it runs offline.
#
# The Multitool exits 0 even when it reports errors, so this script reads its
# output. Exit status: 0 when no error is reported (warnings are printed; set
# SARIF_FAIL_ON_WARNING=1 to fail on them too), 1 when an error is reported,
# 2 when the tool cannot be installed or run.
#
# Beware: the Multitool does not check enum values against the schema, and an
# invalid one (such as "level": "critical") makes it report nothing at all.
# The Go tests in formats/ validate against the SARIF 2.1.0 JSON schema.
set -euo pipefail

version=5.7.0
dir=${SARIF_TOOL_DIR:-/tmp/sarif-multitool}
tool=$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

if [ $# -eq 0 ]; then
	echo "usage: $0 FILE..." >&2
	exit 2
fi
for f in "$@"; do
	if [ ! -f "$f" ]; then
		echo "$0: $f: no such file" >&2
		exit 2
	fi
done

if [ ! -e "$tool" ] || ! grep -q "\"version\": \"$version\"" "$dir/node_modules/@microsoft/sarif-multitool-linux/package.json" 2>/dev/null; then
	echo "installing @microsoft/sarif-multitool@$version into $dir" >&2
	mkdir -p "$dir"
	if ! npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$version" >&2; then
		echo "$0: npm install failed" >&2
		exit 2
	fi
fi
# npm 11 may skip the package's postinstall script, which sets this bit.
chmod u+x "$tool"

# The tool is a self-contained .NET program; it does not need ICU.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-1}
export DOTNET_CLI_TELEMETRY_OPTOUT=1

# The tool silently skips files whose names do not end in .sarif (such as
# golden files): validate copies of those, and name the originals in its
# output.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
targets=()
rename=()
i=0
for f in "$@"; do
	case $f in
	*.sarif) targets+=("$f") ;;
	*)
		i=$((i + 1))
		copy=$tmp/$i.sarif
		cp "$f" "$copy"
		targets+=("$copy")
		rename+=(-e "s|$copy|$f|g")
		;;
	esac
done

status=0
out=$("$tool" validate --rule-kind "Sarif;Ghas" --level "Error;Warning" "${targets[@]}" 2>&1) || status=$?
if [ ${#rename[@]} -gt 0 ]; then
	out=$(sed "${rename[@]}" <<<"$out")
fi
printf '%s\n' "$out"
if [ "$status" -ne 0 ] || ! grep -q "Analysis completed successfully" <<<"$out"; then
	echo "$0: the SARIF Multitool did not complete (exit status $status)" >&2
	exit 2
fi
if grep -q "skipped entirely" <<<"$out"; then
	echo "$0: the SARIF Multitool skipped a file" >&2
	exit 2
fi
errors=$(grep -cE '(^|: )error [A-Z]+[0-9]+:' <<<"$out" || true)
warnings=$(grep -cE '(^|: )warning [A-Z]+[0-9]+:' <<<"$out" || true)
echo "sarif-multitool: $errors errors, $warnings warnings in $# files"
if [ "$errors" -gt 0 ]; then
	exit 1
fi
if [ "$warnings" -gt 0 ] && [ "${SARIF_FAIL_ON_WARNING:-0}" = 1 ]; then
	exit 1
fi
