package assetsnot
