# METADATA
# description: |
#   Helpers for Dockerfile rules (the DF rules): instructions, stages, RUN
#   commands as parsed shell, and the arguments of ENV, ARG, COPY and ADD
#   (see docs/policies.md for the input model).
package lib.dockerfile

# instructions are the instructions with keyword cmd, in any case ("RUN", "run").
instructions(cmd) := object.get(by_keyword, lower(cmd), set())

# by_keyword groups the instructions by keyword, once for the Dockerfile:
# the inner comprehension compares with a keyword bound outside it, which
# OPA answers from an index it builds once (a function walking every
# instruction cost each rule's call a walk).
by_keyword := {cmd: insts |
	some cmd in {inst.cmd | some inst in input.instructions}
	insts := {inst | some inst in input.instructions; inst.cmd == cmd}
}

# final_stage is the last stage: what the built image is.
final_stage := s if {
	some s in input.stages
	s.final
}

# final_from is the FROM instruction of the final stage.
final_from := input.instructions[final_stage.from]

# image_stages are the indices of the stages whose files and settings end up
# in the built image: the final stage and the stages it is built FROM, in turn.
image_stages := graph.reachable(stage_parents, {final_stage.index})

stage_parents[s.index] := parents if {
	some s in input.stages
	parents := {s.base.stage | s.base.kind == "stage"}
}

# in_image is true when the instruction belongs to a stage of the built image.
in_image(inst) if inst.stage in image_stages

# root_image is the image the final stage is ultimately built FROM, when it
# is an image (not scratch).
root_image := final_stage.root.image if final_stage.root.kind == "image"

# commands are the RUN instructions' simple commands, as [instruction, command] pairs.
commands contains [inst, c] if {
	some inst in instructions("run")
	some c in inst.commands
}

# running are the RUN instructions' simple commands that name one of the
# programs (a set of names), as [instruction, command] pairs: as the program
# that runs (c.exec), as the command's name, or as a word before the
# program's arguments (sudo, env, xargs...), directories removed. The
# model indexes them in input.programs; without it every command is read.
running(programs) := {[inst, c] |
	some p in programs
	some [i, j] in input.programs[p]
	inst := input.instructions[i]
	c := inst.commands[j]
} if {
	input.programs
} else := {[inst, c] |
	some [inst, c] in commands
	some p in command_programs(c)
	p in programs
}

# programs are the names of every program the RUN commands name (see running).
programs := {p | some p, _ in input.programs} if {
	input.programs
} else := {p |
	some [_, c] in commands
	some p in command_programs(c)
}

# command_programs are the programs command c names: c.exec, its name and
# the words before the program's arguments that are not options,
# directories removed.
command_programs(c) := {c.exec, program(c.name)} | {program(w) |
	some i, w in c.args
	i < arg_start(c)
	not startswith(w, "-")
}

# base is the last component of a slash-separated path.
base(path) := parts[count(parts) - 1] if parts := split(path, "/")

# program is the program a command word runs: its base name.
program(word) := base(word)

# arg_start is the index in c.args of the first argument of the program that
# really runs (c.exec): 0 unless a wrapper such as sudo, env or xargs is the
# command's name, in which case the wrapper's own arguments come first. The
# model computes it as c.arg_start, knowing each wrapper's options; the rules
# below approximate it for inputs without the field (they take the first
# word naming the program, which may be an option's value: sudo -u bash bash).
arg_start(c) := c.arg_start if {
	is_number(c.arg_start)
} else := 0 if {
	program(c.name) == c.exec
} else := i + 1 if {
	i := min({j | some j, word in c.args; program(word) == c.exec})
} else := count(c.args)

# exec_args are the arguments of the program that really runs, as
# [index in c.args, word] pairs.
exec_args(c) := [[i, word] | some i, word in c.args; i >= start] if start := arg_start(c)

# arg_range is the range of argument i of command c, or the command's range
# when the parser gave none.
arg_range(c, i) := c.arg_ranges[i] if {
	c.arg_ranges[i]
} else := c.range

# flag_values are the values of a --name=value flag of an instruction.
flag_values(inst, name) := object.get(object.get(inst, "flags", {}), name, [])

has_flag(inst, name) if count(flag_values(inst, name)) > 0

# sources are the source arguments of COPY and ADD: every argument but the
# destination.
sources(inst) := array.slice(inst.args, 0, count(inst.args) - 1) if count(inst.args) >= 2

# args_range is where an instruction's arguments sit, or the whole
# instruction when the parser gave no such range.
args_range(inst) := inst.args_range if {
	inst.args_range
} else := inst.range

# unquote removes one pair of matching quotes around a value.
unquote(v) := substring(v, 1, count(v) - 2) if {
	count(v) >= 2
	some q in {`"`, "'"}
	startswith(v, q)
	endswith(v, q)
} else := v

# variables is true when a value holds a variable reference ($X, ${X}).
variables(v) if regex.match(`\$[A-Za-z_{]`, v)

# env_pairs are the [name, value] pairs an ENV instruction sets. The parser
# gives the words of `ENV A=1 B=2` and of the legacy `ENV A 1` as
# alternating names and values ([A, 1, B, 2]); a NAME=value word is also read.
env_pairs(inst) := pairs if {
	count(inst.args) >= 2
	not contains(inst.args[0], "=")
	pairs := {[inst.args[i], unquote(inst.args[i + 1])] | some i in numbers.range_step(0, count(inst.args) - 2, 2)}
} else := {[name, unquote(value)] |
	some word in inst.args
	[name, value] := split_assignment(word)
}

# arg_pairs are the [name, value] pairs of an ARG instruction's NAME=value
# words; an ARG without a value (ARG NAME) has none.
arg_pairs(inst) := {[name, unquote(value)] |
	some word in inst.args
	[name, value] := split_assignment(word)
}

# split_assignment splits NAME=value at the first "=".
split_assignment(word) := [name, substring(word, count(name) + 1, -1)] if {
	contains(word, "=")
	name := split(word, "=")[0]
	name != ""
}

# assignments are the [instruction, name, value] triples set by ENV and ARG.
assignments contains [inst, name, value] if {
	some inst in instructions("env")
	some [name, value] in env_pairs(inst)
}

assignments contains [inst, name, value] if {
	some inst in instructions("arg")
	some [name, value] in arg_pairs(inst)
}

# newline is the file's line ending, "\r\n" or "\n", as the ranges of two
# instructions on consecutive lines tell (ranges end before the line ending);
# "\n" when no two instructions are on consecutive lines.
newline := "\r\n" if {
	some i, inst in input.instructions
	next := input.instructions[i + 1]
	next.range.line == inst.range.endLine + 1
	(next.range.offset - inst.range.endOffset) - (next.range.column - 1) == 2
} else := "\n"

# root_user is true for a USER that is root: the name root or the UID 0,
# or a Windows image's ContainerAdministrator.
root_user(user) if lower(user) in {"root", "containeradministrator"}

root_user(user) if regex.match(`^0+$`, user)
