"""``cslib app``: the browser workspace for trainers (see ``docs/app.md``).

A local Panel application on top of the same study folders (:mod:`cslib.core.study`),
parameter declarations (:mod:`cslib.core.params`) and runner
(:mod:`cslib.reporting.runner`, through ``cslib run --study``) as the command line.
One job per module:

========================  ==================================================================
``phrases``               the app's words, Chinese and English
``forms``                 parameter forms generated from the declarations; field checks
``studies``               open or create a study; uploads saved inside it; what it declares
``problems``              located input errors as table rows in the user's language
``runs``                  one run per study at a time, in a worker process; its progress
``worker``                the worker process: ``cslib run`` with per-notebook cell progress
``rounds``                the Delphi round loop: returned questionnaires → ``cslib collect``
``page``                  the page itself (Panel widgets wired to the modules above)
``server``                start-up, loopback-only binding, token, confined file serving
========================  ==================================================================

Nothing here computes a statistic or reads an analysis input itself.
"""
