#!/bin/sh
# Runs pcs 0.11.5's own tier1 tests (pcs_test/tier1 of ClusterLabs/pcs) against bin/pcs, or against any
# pcs program. The tests are taken from a pcs git repository into a temporary folder at each run and never
# copied into this repository; their pcs runner is pointed at the program.
#
#   scripts/pcs-tier1.sh [--pcs PROGRAM] [--git DIR] [--tag TAG] [TEST...]
#
# PROGRAM  the pcs to test (default: bin/pcs of this checkout; /usr/sbin/pcs for the reference run)
# DIR      a ClusterLabs/pcs git directory, e.g. a clone of https://github.com/ClusterLabs/pcs (default: $PCS_GIT_DIR)
# TEST     unittest names (default: the corosync.conf tests: quorum and cluster config show/update/uuid)
# Needs python3 and the pcs 0.11.5 Python package (Debian package pcs) that the test helpers import.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
program="$here/bin/pcs"
git_dir=${PCS_GIT_DIR:-}
tag=v0.11.5
while [ $# -gt 0 ]; do
  case $1 in
    --pcs) program=$2; shift 2 ;;
    --git) git_dir=$2; shift 2 ;;
    --tag) tag=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
case $program in /*) ;; *) program=$(command -v "$program") ;; esac
if [ $# -eq 0 ]; then
  set -- pcs_test.tier1.test_quorum pcs_test.tier1.cluster.test_config_show pcs_test.tier1.cluster.test_config_update \
    pcs_test.tier1.cluster.test_config_uuid
fi

if [ -z "$git_dir" ]; then
  echo "pcs-tier1: give a ClusterLabs/pcs git directory with --git DIR or PCS_GIT_DIR" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pcs-tier1.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
git -C "$git_dir" archive "$tag" pcs_test | tar -x -C "$work"

# the tests run TEST_ROOT/pcs_for_tests for every pcs command line; pcs's own pcs_for_tests takes settings
# from PCS.SETTINGS.* variables: the one pcs-lite has a variable for is passed on as that variable
cat >"$work/pcs_test/pcs_for_tests" <<EOF
#!/bin/sh
uidgid_dir=\$(env | sed -n 's/^PCS\.SETTINGS\.corosync_uidgid_dir=//p')
if [ -n "\$uidgid_dir" ]; then PCS_LITE_COROSYNC_UIDGID_DIR=\$uidgid_dir; export PCS_LITE_COROSYNC_UIDGID_DIR; fi
exec "$program" "\$@"
EOF
chmod +x "$work/pcs_test/pcs_for_tests"
sed 's|@PCMK_SCHEMA_DIR@|/usr/share/pacemaker|g' "$work/pcs_test/settings.py.in" >"$work/pcs_test/settings.py"

cd "$work"
# pcs's own runner (pcs_test/suite.py) runs the tests: it fills the cached CIB fixtures that the legacy
# constraint, resource and stonith tests start from (plain `python -m unittest` leaves them empty, and those
# tests then fail for any pcs with "Cache has not been initiialized"). --installed: the pcs package comes
# from the system (the checkout's own needs a build), the tests' code from the archive; --vanilla: plain
# unittest output; the Python that runs the installed pcs has its modules (pcs, lxml).
python=$(sed -n "1s/^#! *\([^ ]*\).*/\1/p" /usr/sbin/pcs 2>/dev/null)
exec timeout 1800 "${python:-python3}" pcs_test/suite.py --installed --vanilla --no-parallel "$@"
