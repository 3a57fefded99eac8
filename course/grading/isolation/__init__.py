"""The jail: how learner code is kept from the course, the grader, the host and other learners.

A learner's kernel runs as a system user of its own (one per kernel slot), in new
mount, network, IPC and PID namespaces, with resource limits, on a size-capped
tmpfs that holds both its scratch folder and its /tmp. The parts, in the order
a batch uses them:

- :mod:`.limits`     the configurable limits (``c.Sandbox``) and the resource limits they give;
- :mod:`.checks`     whether this machine can isolate learner code at all;
- :mod:`.plan`       the jail of one batch: which folders to hide and which to keep;
- :mod:`.leftovers`  what a killed grader left (jail folders, processes), removed at the next start;
- :mod:`.users`      the grading users and the locks that give each grader its slots;
- :mod:`.processes`  finding and stopping the processes of a grading user;
- :mod:`.enter`      the system calls that put one process into the jail.

The kernel factory (:mod:`course.grading.kernel_factory`) forks each kernel and
calls :mod:`.enter`; the kernel manager and its provisioner
(:mod:`course.grading.kernels`, :mod:`course.grading.provisioner`) drive it.
"""
