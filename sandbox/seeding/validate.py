"""stub"""
def check_pack(reader, manifest):
    return []
