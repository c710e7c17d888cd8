"""Dependency closures over rpm-md packages, for cutting a small repository out
of a big one: every provider of every requirement (all alternatives of an
`or`, the applicable branch of an `if`), recommends too, and the packages
whose supplements the closure satisfies."""

from __future__ import annotations

from rpmmd import Dep, Index, Package, parse_rich, rich_eval, rich_needed


def newest_per_name(pkgs):
    """For each (name, arch), the newest package."""
    from rpmmd import evrcmp
    best = {}
    for p in pkgs:
        k = (p.name, p.arch)
        if k not in best or evrcmp(p.evr, best[k].evr) > 0:
            best[k] = p
    return best


class Closure:
    """Grow a selection inside POOL (an Index).

    A requirement's providers are those whose provides match; for each
    provider name.arch the newest matching version is taken. When nothing
    matches with the version, `relaxed` providers (same capability, any
    version) are taken and the requirement is reported in `relaxed`, so the
    caller can rewrite it. `unresolved` lists requirements nothing provides.
    `allow_arch(pkg, provider)` decides whether PKG's requirement may pull
    PROVIDER in (keeps multilib out of 64-bit closures)."""

    def __init__(self, pool: Index, allow_arch, weak=True, prefer=None, supplement_ok=None):
        from rpmmd import evrcmp
        self.evrcmp = evrcmp
        self.pool = pool
        self.allow_arch = allow_arch
        self.weak = weak
        self.prefer = prefer or (lambda cands: cands)
        self.selected: list[Package] = []
        self.sel_ids: set[int] = set()
        self.sel_index = Index([])
        self.relaxed: list[tuple[Package, str, Dep, list[Package]]] = []
        self.unresolved: list[tuple[Package, str, Dep]] = []
        self.why: dict[int, str] = {}
        self.supplement_ok = supplement_ok or (lambda cand: True)
        self._newest = set(id(p) for p in newest_per_name(pool.pkgs).values())

    def add(self, pkg: Package, why: str) -> bool:
        if id(pkg) in self.sel_ids:
            return False
        self.sel_ids.add(id(pkg))
        self.selected.append(pkg)
        self.sel_index.add(pkg)
        self.why[id(pkg)] = why
        return True

    def _best(self, cands):
        """The newest of each name.arch (each module stream counts apart)."""
        by = {}
        for c in cands:
            k = (c.name, c.arch, getattr(c, "stream", ""))
            if k not in by or self.evrcmp(c.evr, by[k].evr) > 0:
                by[k] = c
        return list(by.values())

    def providers_for(self, pkg: Package, dep: Dep):
        cands = [c for c in self.pool.providers(dep) if self.allow_arch(pkg, c)]
        if cands:
            return self.prefer(self._best(cands)), False
        relaxed = [c for c in self.pool.providers(Dep(dep.name)) if self.allow_arch(pkg, c)]
        return self.prefer(self._best(relaxed)), True

    def _in_closure(self, atom: Dep) -> bool:
        return bool(self.sel_index.providers(atom))

    def run(self):
        changed = True
        done_reqs = set()
        while changed:
            changed = False
            for pkg in list(self.selected):
                kinds = ["requires"] + (["recommends"] if self.weak else [])
                for kind in kinds:
                    for dep in pkg.deps.get(kind, ()):
                        key = (id(pkg), kind, dep)
                        if dep.is_rich:
                            atoms = rich_needed(parse_rich(dep.name), self._in_closure)
                        else:
                            if key in done_reqs:
                                continue
                            done_reqs.add(key)
                            atoms = [dep]
                        for atom in atoms:
                            provs, relaxed = self.providers_for(pkg, atom)
                            if not provs:
                                if kind == "requires" and not dep.is_rich:
                                    self.unresolved.append((pkg, kind, dep))
                                continue
                            if relaxed and kind == "requires":
                                self.relaxed.append((pkg, kind, atom, provs))
                            for p in provs:
                                if self.add(p, f"{kind} {atom} of {pkg.nevra}"):
                                    changed = True
            if self.weak and not changed:
                for cand in self.pool.pkgs:
                    if id(cand) in self.sel_ids or id(cand) not in self._newest:
                        continue
                    if not self.supplement_ok(cand):
                        continue
                    for sup in cand.deps.get("supplements", ()):
                        if sup.is_rich:
                            ok = rich_eval(parse_rich(sup.name), self._in_closure)
                        else:
                            ok = self._in_closure(sup)
                        if ok:
                            if self.add(cand, f"supplements {sup}"):
                                changed = True
                            break
        return self
