#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""ktap.py - the results of a test boot, from the KTAP document its init wrote.

   ktap.py LOG            ->  "pass|fail|skip NAME: detail" lines
   ktap.py --extract LOG  ->  the KTAP document alone (for kunit.py parse)

guest/init.c writes the document to /dev/kmsg, a "ktap: " record per line,
which the console shows after the record's timestamp. It is parsed with
the kernel's own parser, tools/testing/kunit/kunit_parser.py of the tree
(KUNIT_DIR, default build/linux/tools/testing/kunit). Each subtest of the
document is a test of the boot (a list line or kunit/SUITE):

  - each case below it (a subtest without subtests, at any depth) is a
    result, NAME/CASE, skipped with the reason of its "# SKIP";
  - a test with no case, or that failed (exit code not 0 or 4, from the
    init's "# exit=N") with no failing case, is one result from its exit
    code (0 pass, 4 skip as in kselftest.h);
  - what the parser finds wrong is a failure of that test: a plan that
    more results were promised by than arrived, a suite with no case, a
    result out of order;
  - a test with no result line (the boot ended in it) gets its cases
    that arrived and no line of its own: scripts/results.sh says "never
    finished", or the retry policy runs it again;
  - a test the init saw end (its "@@ END" line on the console) without a
    result in the document is a failure (records lost, or a test whose
    output the parser could not follow).

kunit_parser keeps only a count of what it finds wrong (and prints it):
the messages are kept per test by wrapping Test.add_error.
"""
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RECORD = re.compile(r'\[ *[0-9]+\.[0-9]+\] ktap: (.*)$')
EXIT = re.compile(r'^\s*# exit=([0-9]+)$')
END = re.compile(r'^@@ END (\S+) rc=([0-9]+)')
# Not a result line: how kunit_parser says a test has none (the boot
# ended in it), and a test without cases (a program without TAP).
NO_RESULT = ('missing subtest result line!', 'No more test results!')
NO_CASES = '0 tests run!'


def extract(path):
    """The KTAP document of a console log."""
    with open(path, errors='backslashreplace') as f:
        return [m.group(1) for m in map(RECORD.search, f) if m]


def cases(test):
    """The cases below @test: its subtests without subtests, at any depth."""
    for t in test.subtests:
        if t.subtests:
            yield from cases(t)
        else:
            yield t


def stand_in(test, kp):
    """Is @test kunit_parser's stand-in for a subtest a plan promised and
    that never came (no name, no result line: still the TEST_CRASHED of
    Test())?"""
    return (test.name == '' and not test.subtests and
            test.status == kp.TestStatus.TEST_CRASHED)


def tests(test):
    """@test and every test below it."""
    yield test
    for t in test.subtests:
        yield from tests(t)


def results(test, kp):
    """Did one test of the boot (a subtest of the document) end, and its
    result lines."""
    name = test.name
    out = []
    nfail = ncases = 0
    for c in cases(test):
        if stand_in(c, kp):
            continue
        ncases += 1
        # a result line may have no name ("ok 101 # SKIP reason")
        case = c.name or '(no name)'
        if c.status == kp.TestStatus.SUCCESS:
            out.append(f'pass {name}/{case}')
        elif c.status == kp.TestStatus.SKIPPED:
            reason = f': {c.skip_reason}' if c.skip_reason else ''
            out.append(f'skip {name}/{case}{reason}')
        else:
            nfail += 1
            why = {kp.TestStatus.FAILURE: '',
                   kp.TestStatus.NO_TESTS: ': no results'}.get(c.status, ': crashed')
            out.append(f'fail {name}/{case}{why}')
    ended = True
    errs = []
    for t in tests(test):
        # a suite's own "not ok" over cases that all passed
        if (t is not test and t.subtests and t.status == kp.TestStatus.FAILURE
                and not any(c.status not in (kp.TestStatus.SUCCESS,
                                             kp.TestStatus.SKIPPED)
                            for c in cases(t) if not stand_in(c, kp))):
            errs.append(f'fail {name}: {t.name} not ok, its cases passed')
        for msg in getattr(t, 'errors', []):
            where = '' if t is test else f' of {t.name}'
            if t is test and msg in NO_RESULT:
                ended = False
            elif msg == 'missing expected subtest!':
                got = sum(1 for s in t.subtests if not stand_in(s, kp))
                line = (f'fail {name}: plan 1..{t.expected_count}{where}, '
                        f'{got} result{"" if got == 1 else "s"}')
                if line not in errs:
                    errs.append(line)
            elif msg == NO_CASES and t is not test:
                errs.append(f'fail {name}: no results{where}')
            elif msg != NO_CASES:
                errs.append(f'fail {name}: KTAP: {msg}{where}')
    # Cut short (the boot ended in it): its cases so far, no verdict of
    # its own (its plan could not be kept).
    if not ended:
        return False, out
    out += errs
    # The init's "# exit=N" comes last, in the test's log or, after a plan
    # shortfall, in that of kunit_parser's stand-in for the missing case.
    logs = test.log + [l for s in test.subtests if stand_in(s, kp) for l in s.log]
    rcs = [int(m.group(1)) for m in map(EXIT.match, logs) if m]
    rc = rcs[-1] if rcs else None
    if rc is None:
        out.append(f'fail {name}: no exit code in the KTAP document')
    elif name.startswith('kunit/') and ncases == 0:
        out.append(f'fail {name}: no KTAP result (rc {rc})')
    elif ncases == 0 or (rc not in (0, 4) and nfail == 0):
        if rc == 0:
            out.append(f'pass {name}: exit 0')
        elif rc == 4 and nfail == 0:
            out.append(f'skip {name}: exit 4 (kselftest skip)')
        else:
            why = ' (killed at TEST_TIMEOUT)' if rc == 137 else ''
            out.append(f'fail {name}: exit {rc}{why}')
    return True, out


def main():
    args = sys.argv[1:]
    if args and args[0] == '--extract':
        for line in extract(args[1]):
            print(line)
        return 0
    log, = args
    kdir = os.environ.get('KUNIT_DIR',
                          os.path.join(TOP, 'build/linux/tools/testing/kunit'))
    sys.path.insert(0, kdir)
    try:
        import kunit_parser as kp
        import kunit_printer
    except ImportError as e:
        print(f'fail ktap: no kernel KTAP parser in {kdir} ({e}): make tree')
        return 0

    add_error = kp.Test.add_error

    def keep(self, printer, message):
        self.errors = getattr(self, 'errors', []) + [message]
        add_error(self, printer, message)
    kp.Test.add_error = keep

    # The tests the init saw end (@@ END NAME rc=N, not hung), in order.
    with open(log, errors='backslashreplace') as f:
        ends = [m.groups() for m in map(END.match, f) if m]
    doc = extract(log)
    # parse_test(), not parse_run_tests(): the latter finds the document in
    # a kernel log again, and ends it at words such as "reboot: System
    # halted" (KTAP_END), which a test may print.
    main_test = kp.parse_test(kp.LineStream(iter(enumerate(doc, 1))), 0, [],
                              False, kunit_printer.null_printer)
    read = {}
    for t in main_test.subtests:
        if t.name:
            ended, lines = results(t, kp)
            read[t.name] = read.get(t.name, 0) + ended
            for line in lines:
                print(line)
    # A test that ended with no ended subtest of its name in the document
    # (records lost, or output the parser lost its way in) has no
    # evidence: a failure, not silence.
    for name, rc in ends:
        if read.get(name, 0) > 0:
            read[name] -= 1
        else:
            print(f'fail {name}: exit {rc}, but no result in the KTAP document'
                  f'{"" if doc else " (the log has no KTAP record)"}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
