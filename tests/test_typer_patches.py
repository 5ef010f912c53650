"""What cli/patches.py relies on in Typer's copy of Click, checked against the installed
Typer: a release that changes one of these fails here, by name, before a user's run does.
pyproject's Typer range is the range these tests were run on."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from fitpartners.cli import patches


class Colour(enum.StrEnum):
    red = "red"
    blue = "blue"


def small_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """Root."""

    @app.command("greet")
    def greet(
        names: Annotated[list[str], typer.Argument(metavar="NAMES...")],
        colour: Annotated[Colour, typer.Option("--colour", envvar="APP_COLOUR")] = Colour.red,
        shade: Annotated[str, typer.Option("--shade")] = "",
        loud: Annotated[bool, typer.Option("--loud")] = False,
        times: Annotated[int, typer.Option("--times")] = 1,
    ) -> None:
        print(" ".join(names), colour.value, shade)

    @app.command("wave")
    def wave(path: Annotated[str | None, typer.Argument(metavar="PATH")] = None) -> None:
        print("wave", path)

    return app


def run(group: object, args: list[str]) -> tuple[int, str]:
    """Exit code and stdout of `args` run through a Click group, as fitpartners runs it."""
    with CliRunner().isolation() as (out, _, _):
        try:
            code = group.main(args=args, prog_name="app", standalone_mode=False)  # type: ignore[attr-defined]
        except typer.Exit as done:
            code = done.exit_code
        sys.stdout.flush()
        return code or 0, out.getvalue().decode()


def one_group(app: typer.Typer, name: str) -> object:
    return patches.group({}, app, [c for c in app.registered_commands if c.name == name])


def test_a_group_of_one_registered_command_runs_it_with_the_apps_callback():
    app = small_app()
    group = one_group(app, "greet")
    assert list(group.commands) == ["greet"]  # type: ignore[attr-defined]
    assert run(group, ["greet", "a", "b", "--colour", "blue"]) == (0, "a b blue \n")


def test_lazy_commands_are_listed_without_being_built_and_built_when_run():
    app = small_app()
    built: list[str] = []

    def build(name: str) -> object:
        built.append(name)
        return one_group(app, name).commands[name]  # type: ignore[attr-defined]

    whole = patches.group({}, app, [])
    whole.commands = patches.LazyCommands(["greet", "wave"], build)
    assert run(whole, ["wave", "x"]) == (0, "wave x\n")
    assert built == ["wave"]
    assert "greet" in run(whole, ["--help"])[1]


def test_our_completion_is_offered_unfiltered_with_its_help():
    app = small_app()
    group = one_group(app, "greet")
    shade = next(p for p in group.commands["greet"].params if p.name == "shade")  # type: ignore[attr-defined]
    patches.complete_with(shade, lambda ctx, incomplete: [("Dark", "a help"), "light"])
    offered = shade.shell_complete(None, "DA")  # Typer alone keeps only what starts with 'DA'
    assert [(item.value, item.help) for item in offered] == [("Dark", "a help"), ("light", None)]


@pytest.mark.parametrize(("command", "usage"), [("greet", "NAMES..."), ("wave", "[PATH]")])
def test_an_argument_is_shown_by_its_metavar(command, usage):
    app = small_app()
    group = one_group(app, command)
    for param in group.commands[command].params:  # type: ignore[attr-defined]
        if param.param_type_name == "argument":
            patches.show_by_metavar(param)
    shown = run(group, [command, "--help"])[1]
    assert f"{command} [OPTIONS] {usage}" in shown
    assert "list[str]" not in shown and "<" not in shown.split("Options")[0]


def test_a_value_outside_a_choice_names_the_option_the_value_and_the_choices():
    app = small_app()
    group = one_group(app, "greet")
    with pytest.raises(typer.BadParameter) as caught:
        group.main(["greet", "a", "--colour", "green"], standalone_mode=False)  # type: ignore[attr-defined]
    assert patches.bad_choice(caught.value) == ("--colour", "green", ["red", "blue"])


@pytest.mark.parametrize("given", ["it's", 'say "hi"', "a\tb", "caf\udce9", "x" * 500])
def test_the_value_outside_a_choice_is_the_one_given(given):
    # Read back from Typer's message (coerce_cli_choice), where repr wrote it.
    group = one_group(small_app(), "greet")
    with pytest.raises(typer.BadParameter) as caught:
        group.main(["greet", "a", "--colour", given], standalone_mode=False)  # type: ignore[attr-defined]
    assert patches.bad_choice(caught.value) == ("--colour", given, ["red", "blue"])


def test_a_value_outside_a_choice_from_the_environment_names_the_variable(monkeypatch):
    # Click's get_parameter_source says where the value came from.
    monkeypatch.setenv("APP_COLOUR", "green")
    group = one_group(small_app(), "greet")
    with pytest.raises(typer.BadParameter) as caught:
        group.main(["greet", "a"], standalone_mode=False)  # type: ignore[attr-defined]
    assert patches.bad_choice(caught.value) == ("APP_COLOUR", "green", ["red", "blue"])


def test_another_usage_error_is_no_bad_choice():
    app = small_app()
    group = one_group(app, "greet")
    with pytest.raises(Exception) as caught:  # noqa: B017 - Typer's own class, whatever it is called
        group.main(["greet", "--no-such"], standalone_mode=False)  # type: ignore[attr-defined]
    assert patches.bad_choice(caught.value) is None


# -- help and usage errors in the run's language ------------------------------------------------


def caught(args: list[str], name: str = "greet") -> BaseException:
    group = patches.group({}, small_app(), [c for c in small_app().registered_commands if c.name == name])
    whole = patches.group({}, small_app(), small_app().registered_commands)
    with pytest.raises(Exception) as raised:  # noqa: B017 - Typer's own classes
        (whole if name == "*" else group).main(args, standalone_mode=False)  # type: ignore[attr-defined]
    return raised.value


@pytest.mark.parametrize(
    ("args", "key", "values"),
    [
        (["greet", "a", "--colur", "red"], "no such option: {option}{hint}", {"option": "--colur"}),
        (["greet"], "missing argument {name}", {"name": "NAMES..."}),
        (["greet", "a", "--shade"], "option {option} needs a value", {"option": "--shade"}),
        (["greet", "a", "--loud=yes"], "option {option} takes no value", {"option": "--loud"}),
        (["greet", "a", "--times", "x"], "invalid value for {option}: {problem}", {"option": "--times"}),
    ],
)
def test_usage_errors_are_reworded_by_kind(args, key, values):
    # NoSuchOption.option_name and .possibilities, MissingParameter.param,
    # BadOptionUsage.option_name and its message, BadParameter.param.
    said = patches.usage_problem(caught(args))
    assert said is not None and said.key == key
    assert {k: said.values[k] for k in values} == values


def test_a_mistyped_option_suggests_the_close_ones():
    said = patches.usage_problem(caught(["greet", "a", "--colur", "red"]))
    assert said is not None and str(said.values["hint"]).startswith("; did you mean: --colour")


def test_no_such_command_and_extra_arguments_are_told_apart_by_their_wording():
    said = patches.usage_problem(caught(["gret"], "*"))
    assert said is not None and said.key == "no such command: {name}{hint}"
    assert said.values["name"] == "gret" and str(said.values["hint"]) == "; did you mean: greet?"
    said = patches.usage_problem(caught(["wave", "a", "b"], "wave"))
    assert (
        said is not None
        and said.key == "unexpected extra arguments: {values}"
        and said.values["values"] == "b"
    )


def test_an_error_that_is_no_usage_error_is_left_alone():
    assert patches.usage_problem(ValueError("x")) is None


def plain_help_group() -> object:
    """As fitpartners has it: Click's plain help, not Rich's."""
    app = small_app()
    return patches.group(
        {"rich_markup_mode": None}, app, [c for c in app.registered_commands if c.name == "greet"]
    )


def test_typers_words_of_help_and_clicks_are_said_through_speak():
    words = {
        "Usage: ": "Gebruik: ",
        "Options": "Opties",
        "Show this message and exit.": "Hulp.",
        "required": "nodig",
    }
    try:
        patches.speak(lambda text: words.get(text, text))
        shown = run(plain_help_group(), ["greet", "--help"])[1]
        assert shown.startswith("Gebruik: app greet ")
        assert "\nOpties:\n" in shown and "Hulp." in shown and "[nodig]" in shown
        assert "Usage" not in shown and "Show this message" not in shown
    finally:
        patches.speak(lambda text: text)
    shown = run(plain_help_group(), ["greet", "--help"])[1]
    assert shown.startswith("Usage: app greet ") and "Show this message and exit." in shown


# -- completion scripts and the shell this runs in ---------------------------------------------------

GROUP_COMPLETES = r"""
import sys
import typer
from fitpartners.cli import patches

app = typer.Typer(add_completion=False)

@app.callback()
def root() -> None:
    pass

@app.command("greet")
def greet() -> None:
    pass

@app.command("wave")
def wave() -> None:
    pass

patches.group({"add_completion": False}, app, app.registered_commands).main(args=[], prog_name="app")
"""


def test_a_group_without_typers_completion_options_still_completes_as_typer_does():
    # A fresh process: Typer's completion classes, once registered, stay for the process.
    import os
    import subprocess

    env = {**os.environ, "_APP_COMPLETE": "complete_bash", "COMP_WORDS": "app gr", "COMP_CWORD": "1"}
    r = subprocess.run([sys.executable, "-c", GROUP_COMPLETES], env=env, capture_output=True, text=True)
    assert (r.returncode, r.stdout, r.stderr) == (0, "greet\n", "")  # Click's own class: 'plain,greet'


@pytest.mark.parametrize(
    ("shell", "parts"),
    [
        ("bash", ["_app_completion()", "_APP_COMPLETE=complete_bash $1 ) )\n" + patches.BASH_FILES,
                  "complete -o default -F _app_completion app"]),
        # install.ZSH_FIRST_TAB calls the function the script defines
        ("zsh", ["#compdef app", "_app_completion() {", "_APP_COMPLETE=complete_zsh app",
                 "compdef _app_completion app"]),
        ("fish", ["complete --command app", "_APP_COMPLETE=complete_fish"]),
        ("powershell", ["Register-ArgumentCompleter -Native -CommandName app"]),
    ],
)  # fmt: skip
def test_the_completion_script_of_each_shell(shell, parts):
    script = patches.completion_script("app", shell)
    assert not script.endswith("\n")
    for part in parts:
        assert part in script, part


def test_the_shells_typer_has_scripts_for():
    from fitpartners.cli.install import SHELLS

    assert patches.COMPLETION_SHELLS == ("bash", "zsh", "fish", "powershell", "pwsh")
    assert set(SHELLS) <= set(patches.COMPLETION_SHELLS)


def test_the_shell_this_runs_in_is_detected_from_the_parent_process():
    import shutil
    import subprocess

    if shutil.which("bash") is None:
        pytest.skip("no bash")
    probe = "from fitpartners.cli import patches; print(patches.detect_shell())"
    # '; true': bash runs python as its child (a last command alone it would exec).
    r = subprocess.run(["bash", "-c", f"{sys.executable} -c '{probe}'; true"], capture_output=True, text=True)
    assert r.stdout == "bash\n", r.stderr
