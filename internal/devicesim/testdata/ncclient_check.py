#!/usr/bin/python3
"""Drive a devicesim device with ncclient, an independent NETCONF client.

Usage: ncclient_check.py HOST PORT USER PASSWORD KNOWN_HOSTS
Exits 0 when every step behaves as RFC 6241 says; prints the failing step
and exits 1 otherwise. Host keys are verified against KNOWN_HOSTS.
"""
import os
import sys
import tempfile

from lxml import etree
from ncclient import manager
from ncclient.operations import RPCError

IF_NS = "http://openconfig.net/yang/interfaces"


def connect(host, port, user, password, ssh_config):
    return manager.connect(
        host=host, port=port, username=user, password=password,
        hostkey_verify=True, ssh_config=ssh_config,
        allow_agent=False, look_for_keys=False, timeout=20)


def check(cond, what):
    if not cond:
        print("FAIL: " + what)
        sys.exit(1)
    print("ok: " + what)


def main():
    host, port, user, password, known_hosts = sys.argv[1:6]
    with tempfile.NamedTemporaryFile("w", suffix=".ssh_config", delete=False) as f:
        f.write("Host *\n  UserKnownHostsFile %s\n" % known_hosts)
        ssh_config = f.name
    try:
        run(host, int(port), user, password, ssh_config)
    finally:
        os.unlink(ssh_config)


def run(host, port, user, password, ssh_config):
    a = connect(host, port, user, password, ssh_config)
    check(":candidate" in a.server_capabilities, "candidate capability advertised")
    check(":confirmed-commit:1.1" in a.server_capabilities, "confirmed-commit:1.1 advertised")
    check(a.session_id is not None, "session-id received")

    data = a.get_config(source="running").data_xml
    check("Gi1" in data, "get-config running")

    flt = ('subtree', '<interfaces xmlns="%s"><interface><name>Gi2</name></interface></interfaces>' % IF_NS)
    data = a.get_config(source="running", filter=flt).data_xml
    check("Gi2" in data and "Gi1" not in data, "subtree filter")

    a.lock(target="candidate")
    b = connect(host, port, user, password, ssh_config)
    try:
        b.lock(target="candidate")
        check(False, "second lock must fail")
    except RPCError as e:
        check(e.tag == "lock-denied", "lock-denied for second session")
        info = etree.tostring(e.xml).decode() if e.xml is not None else ""
        check("<session-id>%s</session-id>" % a.session_id in info.replace("nc:", ""),
              "lock-denied names the holder session-id")

    cfg = ('<config><interfaces xmlns="%s"><interface><name>Gi2</name>'
           '<config><mtu>9200</mtu></config></interface></interfaces></config>' % IF_NS)
    a.edit_config(target="candidate", config=cfg)
    a.validate(source="candidate")
    a.commit(confirmed=True, timeout="120", persist="ncc-1")
    a.unlock(target="candidate")
    a.close_session()

    b.commit(persist_id="ncc-1")
    data = b.get_config(source="running").data_xml
    check("9200" in data, "persist confirmed commit confirmed from second session")

    try:
        b.edit_config(target="candidate", config=(
            '<config xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0"><interfaces xmlns="%s">'
            '<interface nc:operation="create"><name>Gi1</name></interface></interfaces></config>' % IF_NS))
        check(False, "create of existing entry must fail")
    except RPCError as e:
        check(e.tag == "data-exists", "data-exists rpc-error")
    b.discard_changes()
    b.close_session()


if __name__ == "__main__":
    main()
